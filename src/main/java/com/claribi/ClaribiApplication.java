package com.claribi;

import com.claribi.cli.CommandLine;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the server ({@code serve}, the default) or runs one administrative command on the configured database. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ClaribiApplication {

    public static void main(String[] args) {
        if (args.length == 0 || args[0].startsWith("--") && !CommandLine.isHelp(args[0]) || args[0].equals("serve")) {
            String[] serverArgs =
                    args.length > 0 && args[0].equals("serve") ? Arrays.copyOfRange(args, 1, args.length) : args;
            SpringApplication.run(ClaribiApplication.class, serverArgs);
            return;
        }
        System.exit(CommandLine.run(ClaribiApplication.class, args));
    }
}
