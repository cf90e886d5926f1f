package com.claribi.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code help [COMMAND [SUBCOMMAND]]}: the usage of any command, nested ones included ({@code help user create});
 * picocli's own help command looks one level down only.
 */
@Command(name = "help", helpCommand = true, description = "show the usage of a command: help user create")
final class HelpCommand implements IHelpCommandInitializable2, Runnable {

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "a command and its subcommand")
    List<String> words = new ArrayList<>();

    private picocli.@Nullable CommandLine self;
    private @Nullable PrintWriter out;

    @Override
    public void init(
            picocli.CommandLine helpCommandLine, Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.out = out;
    }

    @Override
    public void run() {
        picocli.CommandLine command = self.getParent();
        for (String word : words) {
            picocli.CommandLine subcommand = command.getSubcommands().get(word);
            if (subcommand == null) {
                throw new UnmatchedArgumentException(command, List.of(word));
            }
            command = subcommand;
        }
        command.usage(out);
    }
}
