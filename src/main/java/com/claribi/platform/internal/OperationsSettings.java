package com.claribi.platform.internal;

import com.claribi.platform.PlatformProperties;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.PropertySource;

/**
 * The Spring Boot settings that follow from the platform's operational ones: {@code CLARIBI_MANAGEMENT_PORT} and
 * {@code _ADDRESS} become {@code management.server.*} ({@code off} is Boot's {@code -1}), {@code CLARIBI_LOG_FORMAT=json}
 * selects Boot's structured logging in the Elastic Common Schema, and {@code CLARIBI_DATABASE_POOL_SIZE} sizes the
 * Hikari pool. Answered when asked (so
 * settings added later, as tests add theirs, still count) with the lowest precedence, so Spring's own names still win.
 * A value that is not valid here is left alone: {@link PlatformProperties} refuses it at start with a clear message.
 */
final class OperationsSettings extends PropertySource<Map<String, String>> {

    static final String NAME = "claribiOperationsSettings";

    private final PropertyResolver environment;

    OperationsSettings(PropertyResolver environment) {
        super(NAME, Map.of());
        this.environment = environment;
    }

    @Override
    public @Nullable Object getProperty(String name) {
        try {
            return switch (name) {
                case "management.server.port" -> PlatformProperties.managementPort(setting("management-port", "9090"));
                case "management.server.address" ->
                    setting("management-address", "127.0.0.1").trim();
                case "logging.structured.format.console" ->
                    Boolean.TRUE.equals(PlatformProperties.jsonLogs(setting("log-format", "plain"))) ? "ecs" : null;
                case "spring.datasource.hikari.maximum-pool-size" ->
                    Integer.parseInt(setting("database-pool-size", "16").trim());
                default -> null;
            };
        } catch (RuntimeException invalid) {
            return null;
        }
    }

    private String setting(String name, String defaultValue) {
        return environment.getProperty("claribi.platform." + name, defaultValue);
    }
}
