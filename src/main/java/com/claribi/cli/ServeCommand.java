package com.claribi.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.UnmatchedArgumentException;
import sun.misc.Signal;

/** {@code serve}: starts the server, passing {@code --claribi.name=value} settings on to Spring. */
@Command(
        name = "serve",
        description = "start the server (the default command)",
        customSynopsis = {"bin/claribi serve [--claribi.NAME=VALUE]...", "   or: bin/claribi [--claribi.NAME=VALUE]..."
        },
        footer = {
            "",
            "Settings are CLARIBI_* environment variables (see the README), or arguments such as --claribi.port=8443."
        })
final class ServeCommand implements Callable<Integer> {

    private final Class<?> application;

    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> settings = new ArrayList<>();

    ServeCommand(Class<?> application) {
        this.application = application;
    }

    @Override
    public Integer call() {
        for (String setting : settings) {
            if (!CommandLine.isServerSetting(setting)) {
                throw new UnmatchedArgumentException(spec.commandLine(), List.of(setting));
            }
        }
        // SIGTERM is how an operator, systemd or a container runtime stops the server: a clean stop, exit code 0 (the
        // JVM's own answer to the signal is 143, which systemd counts as a failure). The shutdown itself is Spring's.
        Signal.handle(new Signal("TERM"), signal -> System.exit(0));
        SpringApplication.run(application, settings.toArray(String[]::new));
        return CommandLine.SERVING;
    }
}
