package com.claribi.cli;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** The application without its web server, for one administrative command on the configured database. */
final class AdminContext {

    private AdminContext() {}

    static ConfigurableApplicationContext start(Class<?> application) {
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
