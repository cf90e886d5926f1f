package com.claribi.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.platform.PlatformProperties;
import com.claribi.support.DocumentedEnvironment;
import com.claribi.token.TokenProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Every {@code CLARIBI_*} variable the contract documents still sets its module's {@code claribi.<module>} key. */
class DocumentedSettingNamesUnitTests {

    /** The documented variable → the key it sets. */
    private static final Map<String, String> DOCUMENTED = documented();

    private static Map<String, String> documented() {
        Map<String, String> documented = new LinkedHashMap<>();
        documented.put("CLARIBI_PORT", "claribi.platform.port");
        documented.put("CLARIBI_HTTP_PORT", "claribi.platform.http-port");
        documented.put("CLARIBI_DATA_DIR", "claribi.platform.data-dir");
        documented.put("CLARIBI_DATABASE_URL", "claribi.platform.database-url");
        documented.put("CLARIBI_DATABASE_USER", "claribi.platform.database-user");
        documented.put("CLARIBI_DATABASE_PASSWORD", "claribi.platform.database-password");
        documented.put("CLARIBI_TLS_CERT", "claribi.platform.tls-cert");
        documented.put("CLARIBI_TLS_KEY", "claribi.platform.tls-key");
        documented.put("CLARIBI_TLS", "claribi.platform.tls");
        documented.put("CLARIBI_TRUSTED_PROXIES", "claribi.platform.trusted-proxies");
        documented.put("CLARIBI_MASTER_KEY", "claribi.platform.master-key");
        documented.put("CLARIBI_REAUTHENTICATION_WINDOW", "claribi.platform.reauthentication-window");
        documented.put("CLARIBI_MANAGEMENT_PORT", "claribi.platform.management-port");
        documented.put("CLARIBI_MANAGEMENT_ADDRESS", "claribi.platform.management-address");
        documented.put("CLARIBI_LOG_FORMAT", "claribi.platform.log-format");
        documented.put("CLARIBI_SHUTDOWN_GRACE", "claribi.platform.shutdown-grace");
        documented.put("CLARIBI_DATABASE_POOL_SIZE", "claribi.platform.database-pool-size");
        documented.put("CLARIBI_REDIS_URL", "claribi.rate-limit.redis-url");
        documented.put("CLARIBI_RATE_LIMIT_JWT_PER_MINUTE", "claribi.rate-limit.jwt-per-minute");
        documented.put("CLARIBI_RATE_LIMIT_API_KEY_PER_MINUTE", "claribi.rate-limit.api-key-per-minute");
        documented.put("CLARIBI_ACCESS_TOKEN_TTL", "claribi.token.access-token-ttl");
        documented.put("CLARIBI_REFRESH_TOKEN_TTL", "claribi.token.refresh-token-ttl");
        documented.put("CLARIBI_REFRESH_ROTATION", "claribi.token.refresh-rotation");
        documented.put("CLARIBI_BOOTSTRAP_ADMIN_EMAIL", "claribi.identity.bootstrap.admin-email");
        documented.put("CLARIBI_BOOTSTRAP_ADMIN_PASSWORD", "claribi.identity.bootstrap.admin-password");
        documented.put("CLARIBI_BOOTSTRAP_ORG_NAME", "claribi.identity.bootstrap.org-name");
        documented.put("CLARIBI_PASSWORD_HASHING_MEMORY_KIB", "claribi.identity.password-hashing.memory-kib");
        documented.put("CLARIBI_PASSWORD_HASHING_ITERATIONS", "claribi.identity.password-hashing.iterations");
        documented.put("CLARIBI_PASSWORD_HASHING_THREADS", "claribi.identity.password-hashing.threads");
        documented.put("CLARIBI_PASSWORD_HASHING_QUEUE", "claribi.identity.password-hashing.queue");
        documented.put(
                "CLARIBI_LOGIN_THROTTLE_PER_ACCOUNT_AND_ADDRESS",
                "claribi.rate-limit.login-throttle.per-account-and-address");
        documented.put(
                "CLARIBI_LOGIN_THROTTLE_PER_ACCOUNT_AND_ADDRESS_PERIOD",
                "claribi.rate-limit.login-throttle.per-account-and-address-period");
        documented.put("CLARIBI_LOGIN_THROTTLE_PER_ACCOUNT", "claribi.rate-limit.login-throttle.per-account");
        documented.put(
                "CLARIBI_LOGIN_THROTTLE_PER_ACCOUNT_PERIOD", "claribi.rate-limit.login-throttle.per-account-period");
        documented.put("CLARIBI_LOGIN_THROTTLE_PER_ADDRESS", "claribi.rate-limit.login-throttle.per-address");
        documented.put(
                "CLARIBI_LOGIN_THROTTLE_PER_ADDRESS_PERIOD", "claribi.rate-limit.login-throttle.per-address-period");
        documented.put("CLARIBI_LOGIN_THROTTLE_IN_FLIGHT_WAIT", "claribi.rate-limit.login-throttle.in-flight-wait");
        documented.put("CLARIBI_API_KEY_ACTIVITY_RETENTION", "claribi.apikey.activity.retention");
        documented.put("CLARIBI_API_KEY_ACTIVITY_QUEUE", "claribi.apikey.activity.queue");
        documented.put("CLARIBI_API_KEY_ACTIVITY_QUEUE_PER_KEY", "claribi.apikey.activity.queue-per-key");
        // Not in the operator's table, but tests and scripts set it.
        documented.put("CLARIBI_API_KEY_ACTIVITY_FLUSH_INTERVAL", "claribi.apikey.activity.flush-interval");
        documented.put("CLARIBI_REVOCATIONS_LOOK_BACK", "claribi.token.revocations-look-back");
        documented.put("CLARIBI_API_KEYS_LOOK_BACK", "claribi.apikey.look-back");
        return documented;
    }

    @Test
    void everyDocumentedVariableSetsItsModuleKey() {
        Map<String, Object> variables = new LinkedHashMap<>();
        DOCUMENTED.keySet().forEach(variable -> variables.put(variable, "value of " + variable));
        StandardEnvironment environment = environment(variables);
        DOCUMENTED.forEach((variable, key) ->
                assertThat(environment.getProperty(key)).as(variable).isEqualTo("value of " + variable));
    }

    @Test
    void documentedVariablesBindThePlatformAndTokenRecords() {
        StandardEnvironment environment = environment(Map.of(
                "CLARIBI_PORT", "9443",
                "CLARIBI_DATA_DIR", "/var/lib/claribi",
                "CLARIBI_TRUSTED_PROXIES", "10.0.0.0/8",
                "CLARIBI_REAUTHENTICATION_WINDOW", "PT5M",
                "CLARIBI_ACCESS_TOKEN_TTL", "PT10M",
                "CLARIBI_REFRESH_TOKEN_TTL", "P1D",
                "CLARIBI_REFRESH_ROTATION", "on",
                "CLARIBI_REVOCATIONS_LOOK_BACK", "PT4S"));
        PlatformProperties platform =
                Binder.get(environment).bindOrCreate("claribi.platform", PlatformProperties.class);
        assertThat(platform.port()).isEqualTo(9443);
        assertThat(platform.dataDir()).isEqualTo(Path.of("/var/lib/claribi"));
        assertThat(platform.trustedProxies()).isEqualTo("10.0.0.0/8");
        assertThat(platform.reauthenticationWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(platform.httpPort()).isEqualTo("8080");
        TokenProperties token = Binder.get(environment).bindOrCreate("claribi.token", TokenProperties.class);
        assertThat(token.accessTokenTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(token.refreshTokenTtl()).isEqualTo(Duration.ofDays(1));
        assertThat(token.refreshRotation()).isEqualTo("on");
        assertThat(token.revocationsLookBack()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void documentedPropertyNamesWorkAsArgumentsToo() {
        StandardEnvironment environment = environment(Map.of());
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "commandLineArgs", Map.of("claribi.port", "8444", "claribi.redis-url", "redis://cache:6379")));
        assertThat(environment.getProperty("claribi.platform.port")).isEqualTo("8444");
        assertThat(environment.getProperty("claribi.rate-limit.redis-url")).isEqualTo("redis://cache:6379");
    }

    @Test
    void settingsOfTheFormerGroupNamesWorkAsArgumentsAndInTestsToo() {
        StandardEnvironment environment = environment(Map.of());
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "commandLineArgs",
                        Map.of(
                                "claribi.bootstrap.org-name", "Settings From Arguments",
                                "claribi.login-throttle.per-address", "100000",
                                "claribi.api-key-activity.flush-interval", "PT1H")));
        assertThat(environment.getProperty("claribi.identity.bootstrap.org-name"))
                .isEqualTo("Settings From Arguments");
        assertThat(environment.getProperty("claribi.rate-limit.login-throttle.per-address"))
                .isEqualTo("100000");
        assertThat(environment.resolvePlaceholders("${claribi.apikey.activity.flush-interval:PT0.5S}"))
                .isEqualTo("PT1H");
    }

    @Test
    void moduleKeyWinsOverTheDocumentedName() {
        StandardEnvironment environment = environment(Map.of("CLARIBI_PORT", "9443", "CLARIBI_PLATFORM_PORT", "10443"));
        assertThat(environment.getProperty("claribi.platform.port")).isEqualTo("10443");
    }

    @Test
    void keysWithoutADocumentedNameAreNotAliased() {
        assertThat(DocumentedSettingNames.documentedName("claribi.platform.unknown"))
                .isNull();
        assertThat(DocumentedSettingNames.documentedName("claribi.port")).isNull();
        assertThat(DocumentedSettingNames.documentedName("claribi.token-issuer"))
                .isNull();
        assertThat(DocumentedSettingNames.documentedName("claribi.rate-limit.jwt-per-minute"))
                .isNull();
        assertThat(DocumentedSettingNames.documentedName("claribi.identity.unknown"))
                .isNull();
    }

    private static StandardEnvironment environment(Map<String, Object> variables) {
        return DocumentedEnvironment.of(variables);
    }
}
