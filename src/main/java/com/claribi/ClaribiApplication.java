package com.claribi;

import com.claribi.cli.CommandLine;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the server ({@code serve}, the default) or runs one administrative command on the configured database. */
@SpringBootApplication(proxyBeanMethods = false)
@ConfigurationPropertiesScan
public class ClaribiApplication {

    public static void main(String[] args) {
        // Exits with the command's code, unless the server started: its threads keep the process running.
        CommandLine.run(ClaribiApplication.class, args).ifPresent(System::exit);
    }
}
