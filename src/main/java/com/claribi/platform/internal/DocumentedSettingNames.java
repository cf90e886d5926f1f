package com.claribi.platform.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.PropertySource;

/**
 * Each module reads its settings under {@code claribi.<module>} (one {@code @ConfigurationProperties} record each), while
 * the contract documents shorter names: {@code CLARIBI_PORT} rather than {@code CLARIBI_PLATFORM_PORT}. This property
 * source answers a module's key from its documented name, wherever that is set (environment, {@code application.yml},
 * {@code --claribi.port=...}), with the lowest precedence: the module's own key, when set, wins.
 */
public final class DocumentedSettingNames implements EnvironmentPostProcessor {

    static final String NAME = "claribiDocumentedSettingNames";

    /** A module's key (or key prefix, ending in a dot) → the documented name (or prefix) it is also read from. */
    static final Map<String, String> ALIASES = aliases();

    private static Map<String, String> aliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String name : new String[] {
            "port",
            "http-port",
            "data-dir",
            "tls",
            "tls-cert",
            "tls-key",
            "trusted-proxies",
            "master-key",
            "database-url",
            "database-user",
            "database-password",
            "reauthentication-window",
            "management-port",
            "management-address",
            "log-format",
            "shutdown-grace",
            "database-pool-size"
        }) {
            aliases.put("claribi.platform." + name, "claribi." + name);
        }
        for (String name : new String[] {"access-token-ttl", "refresh-token-ttl", "refresh-rotation", "token-issuer"}) {
            aliases.put("claribi.token." + name, "claribi." + name);
        }
        // The rate limits' module key is claribi.rate-limit (the module's name as Spring spells it: rate-limit and
        // ratelimit are one name to its binder), which is also the documented CLARIBI_RATE_LIMIT_*.
        aliases.put("claribi.rate-limit.redis-url", "claribi.redis-url");
        // Groups of settings documented under their own name before their module bound one record: the whole group.
        aliases.put("claribi.identity.bootstrap.", "claribi.bootstrap.");
        aliases.put("claribi.identity.password-hashing.", "claribi.password-hashing.");
        aliases.put("claribi.rate-limit.login-throttle.", "claribi.login-throttle.");
        aliases.put("claribi.rate-limit.password-reset.", "claribi.password-reset.");
        aliases.put("claribi.identity.mail.", "claribi.smtp.");
        aliases.put("claribi.identity.public-url", "claribi.public-url");
        aliases.put("claribi.apikey.activity.", "claribi.api-key-activity.");
        // Not in the contract: the pollers' look-back windows, which the tests shorten.
        aliases.put("claribi.token.revocations-look-back", "claribi.revocations.look-back");
        aliases.put("claribi.apikey.look-back", "claribi.api-keys.look-back");
        return Collections.unmodifiableMap(aliases);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        attach(environment);
    }

    /**
     * Adds the documented names, and the Spring Boot settings that follow from them ({@link OperationsSettings}), to an
     * environment (once); also for tests that bind settings without an application.
     */
    public static void attach(ConfigurableEnvironment environment) {
        if (!environment.getPropertySources().contains(NAME)) {
            environment.getPropertySources().addLast(new Aliases(environment));
        }
        if (!environment.getPropertySources().contains(OperationsSettings.NAME)) {
            environment.getPropertySources().addLast(new OperationsSettings(environment));
        }
    }

    /** The documented name a module's key is also read from, or null when it has none. */
    static @Nullable String documentedName(String key) {
        for (Map.Entry<String, String> alias : ALIASES.entrySet()) {
            String moduleKey = alias.getKey();
            if (moduleKey.endsWith(".") ? key.startsWith(moduleKey) : key.equals(moduleKey)) {
                return alias.getValue() + key.substring(moduleKey.length());
            }
        }
        return null;
    }

    /** Its source is the alias table, not the environment, which lists this source: printing either must end. */
    private static final class Aliases extends PropertySource<Map<String, String>> {

        private final PropertyResolver environment;

        Aliases(PropertyResolver environment) {
            super(NAME, ALIASES);
            this.environment = environment;
        }

        @Override
        public @Nullable Object getProperty(String name) {
            String documented = documentedName(name);
            // The environment resolves the documented name with relaxed binding: claribi.port is also CLARIBI_PORT.
            return documented == null ? null : environment.getProperty(documented);
        }
    }
}
