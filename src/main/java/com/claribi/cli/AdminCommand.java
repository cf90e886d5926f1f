package com.claribi.cli;

import java.util.concurrent.Callable;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A command that administers the configured database: it checks its options and reads what it asks for (a password)
 * first, then does its work in the application started without its web server.
 */
abstract class AdminCommand implements Callable<Integer> {

    private final Class<?> application;

    AdminCommand(Class<?> application) {
        this.application = application;
    }

    /** Checks the options beyond what picocli does, and reads the input, before anything starts. */
    void prepare() {}

    abstract void run(ConfigurableApplicationContext context);

    @Override
    public final Integer call() {
        prepare();
        try (ConfigurableApplicationContext context = start()) {
            run(context);
            return 0;
        }
    }

    private ConfigurableApplicationContext start() {
        // The server's Spring AOT start was generated for the default profile, not "cli": a command starts the regular
        // way even when the server's options (-Dspring.aot.enabled=true) were given to it, e.g. in CLARIBI_JAVA_OPTS.
        System.setProperty("spring.aot.enabled", "false");
        SpringApplication app = new SpringApplication(application);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        app.setAdditionalProfiles("cli");
        // A command needs a handful of beans: create only those (migrations still run before the first query).
        app.setLazyInitialization(true);
        return app.run();
    }
}
