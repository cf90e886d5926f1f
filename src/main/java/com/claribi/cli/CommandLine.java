package com.claribi.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Parses {@code bin/claribi}'s arguments with picocli and runs the command: {@code serve} (the default) or one that
 * administers the configured database. Passwords are read from standard input or the terminal, never from the
 * arguments, where other users of the machine could see them; a misused command line is refused before anything
 * starts, without repeating the values it was given.
 */
public final class CommandLine {

    /** What {@code serve} returns: the process goes on running the server. */
    static final int SERVING = Integer.MIN_VALUE;

    private static final Pattern SERVER_SETTING =
            Pattern.compile("--[A-Za-z0-9][\\w\\-\\[\\]]*\\.[\\w.\\-\\[\\]]+(=.*)?");

    private CommandLine() {}

    /**
     * Runs the command and returns the process exit code (0 done, 1 refused, 2 misused), or nothing when the server
     * was started and keeps the process running.
     */
    public static OptionalInt run(Class<?> application, String[] args) {
        int code = execute(
                application,
                args,
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        return code == SERVING ? OptionalInt.empty() : OptionalInt.of(code);
    }

    /**
     * {@link #run} with picocli's output (usage, version, refusals) written to {@code out} and {@code err}: the exit
     * code, or {@link #SERVING}.
     */
    static int execute(Class<?> application, String[] args, PrintWriter out, PrintWriter err) {
        String[] arguments = args;
        if (args.length == 0 || isServerSetting(args[0])) {
            arguments = new String[args.length + 1];
            arguments[0] = "serve";
            System.arraycopy(args, 0, arguments, 1, args.length);
        }
        picocli.CommandLine commands = commands(application, out, err);
        int code = commands.execute(arguments);
        ((CommandFailures) commands.getExecutionExceptionHandler()).rethrowAbandonedRun();
        return code;
    }

    /** A server setting given as an argument, {@code --claribi.name=value} or any Spring property. */
    static boolean isServerSetting(String argument) {
        return SERVER_SETTING.matcher(argument).matches();
    }

    static picocli.CommandLine commands(Class<?> application, PrintWriter out, PrintWriter err) {
        picocli.CommandLine root = new picocli.CommandLine(new Claribi());
        root.addSubcommand(new ServeCommand(application));
        root.addSubcommand(new picocli.CommandLine(new OrganizationCommands())
                .addSubcommand(new OrganizationCommands.Create(application)));
        root.addSubcommand(new picocli.CommandLine(new UserCommands())
                .addSubcommand(new UserCommands.Create(application))
                .addSubcommand(new UserCommands.RevokeSessions(application))
                .addSubcommand(new UserCommands.Deactivate(application))
                .addSubcommand(new UserCommands.ResetMfa(application)));
        root.addSubcommand(
                new picocli.CommandLine(new KeysCommands()).addSubcommand(new KeysCommands.Rotate(application)));
        root.addSubcommand(new HelpCommand());
        addHelpOption(root);
        root.getCommandSpec().version(version(application));
        root.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, CommandLine::everyCommand);
        root.setOut(out);
        root.setErr(err);
        root.setUsageHelpWidth(118);
        // "--email --password-stdin" is a missing e-mail, not an e-mail address that looks like an option.
        root.setUnmatchedOptionsAllowedAsOptionParameters(false);
        root.setParameterExceptionHandler(new UsageErrors());
        root.setExecutionExceptionHandler(new CommandFailures());
        return root;
    }

    /** The version of the jar (its manifest's Implementation-Version, the project's version). */
    private static String version(Class<?> application) {
        String version = application.getPackage().getImplementationVersion();
        return version == null ? "unknown (not run from the built jar)" : version;
    }

    /** The command list of the top level: every command by its full name ("user create"), not only the groups. */
    private static String everyCommand(Help help) {
        List<CommandSpec> leaves = new ArrayList<>();
        collectLeaves(help.commandSpec(), leaves);
        int width = leaves.stream().mapToInt(spec -> name(spec).length()).max().orElse(0) + 2;
        StringBuilder list = new StringBuilder();
        for (CommandSpec spec : leaves) {
            String[] description = spec.usageMessage().description();
            list.append("  ")
                    .append(String.format("%-" + width + "s", name(spec)))
                    .append(description.length == 0 ? "" : description[0])
                    .append('\n');
        }
        return list.toString();
    }

    /** {@code -h}/{@code --help} on every command below the top level (which also has {@code --version}). */
    private static void addHelpOption(picocli.CommandLine command) {
        command.getSubcommands().values().stream().distinct().forEach(subcommand -> {
            CommandSpec spec = subcommand.getCommandSpec();
            if (!spec.helpCommand()) {
                spec.addOption(OptionSpec.builder("-h", "--help")
                        .usageHelp(true)
                        .description("Show this help message and exit.")
                        .build());
            }
            addHelpOption(subcommand);
        });
    }

    private static void collectLeaves(CommandSpec spec, List<CommandSpec> leaves) {
        spec.subcommands().values().stream().distinct().forEach(sub -> {
            if (sub.getSubcommands().isEmpty()) {
                leaves.add(sub.getCommandSpec());
            } else {
                collectLeaves(sub.getCommandSpec(), leaves);
            }
        });
    }

    /** A command's name below the top level, such as {@code user create}. */
    static String name(CommandSpec spec) {
        return spec.parent() == null
                ? spec.name()
                : spec.qualifiedName(" ").substring(spec.root().name().length() + 1);
    }

    @Command(
            name = "bin/claribi",
            mixinStandardHelpOptions = true,
            description = "Runs the clariBI server (the default) or administers its database.",
            synopsisSubcommandLabel = "[COMMAND]",
            footer = {
                "",
                "Administrative commands act on the configured database (CLARIBI_DATABASE_URL, or the embedded one under",
                "CLARIBI_DATA_DIR, which a running server holds: stop it first). Passwords are read with --password-stdin",
                "or asked on the terminal, never taken as arguments. 'bin/claribi COMMAND --help' describes a command."
            })
    static final class Claribi {}
}
