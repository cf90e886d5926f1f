package com.claribi.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A misused command line: the reason and the command's usage on standard error, exit code 2, nothing started. The
 * reason names an unknown option but never repeats its value or a stray argument: a password typed by mistake as
 * {@code --password=secret} stays out of the terminal's scrollback and the logs that capture it.
 */
final class UsageErrors implements IParameterExceptionHandler {

    static final int MISUSED = 2;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        picocli.CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(reason(e, command.getCommandSpec(), args));
        err.println();
        command.usage(err);
        return MISUSED;
    }

    private static String reason(ParameterException e, CommandSpec spec, String[] args) {
        String name = CommandLine.name(spec);
        // Picocli reports a missing required option before an unknown one; the unknown one is the operator's mistake.
        List<String> arguments = e instanceof UnmatchedArgumentException unmatched
                ? unmatched.getUnmatched()
                : e.getCommandLine().getUnmatchedArguments();
        if (!arguments.isEmpty()) {
            List<String> options = arguments.stream()
                    .filter(argument -> argument.startsWith("-"))
                    .map(UsageErrors::optionName)
                    .distinct()
                    .toList();
            if (options.contains("--password")) {
                return "Passwords are never taken as arguments: use --password-stdin, or omit it to be asked.";
            }
            if (!spec.subcommands().isEmpty()
                    && !arguments.isEmpty()
                    && !arguments.getFirst().startsWith("-")) {
                // The word where a command is expected: a command name, not a value.
                return "Unknown command: " + (spec.parent() == null ? "" : name + " ") + arguments.getFirst();
            }
            if (!options.isEmpty()) {
                return "Unknown option" + (options.size() == 1 ? "" : "s")
                        + (spec.parent() == null ? "" : " for " + name) + ": " + String.join(", ", options);
            }
            return "Unexpected argument" + (arguments.size() == 1 ? "" : "s") + " for " + name
                    + " (values follow their option, such as --email EMAIL)";
        }
        if (e instanceof MissingParameterException missing) {
            return "Missing "
                    + missing.getMissing().stream().map(UsageErrors::label).collect(Collectors.joining(", "))
                    + (spec.parent() == null ? "" : " for " + name);
        }
        return redacted(String.valueOf(e.getMessage()), args);
    }

    private static String label(ArgSpec arg) {
        if (arg instanceof OptionSpec option) {
            return option.longestName() + " " + option.paramLabel();
        }
        return arg.paramLabel();
    }

    /** {@code --password=secret} → {@code --password}. */
    private static String optionName(String argument) {
        int equals = argument.indexOf('=');
        return equals < 0 ? argument : argument.substring(0, equals);
    }

    /** Picocli's message without any {@code --name=value} argument's value. */
    private static String redacted(String message, String[] args) {
        String safe = message;
        for (String arg : args) {
            if (arg.startsWith("-") && arg.indexOf('=') > 0) {
                safe = safe.replace(arg, optionName(arg) + "=…");
            }
        }
        return safe;
    }
}
