package com.claribi.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.platform.internal.DocumentedSettingNames;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The budgets are set by the environment variables the contract names. */
class RateLimitPropertiesUnitTests {

    @Test
    void environmentVariablesSetBothBudgets() {
        RateLimitProperties properties = bind(Map.of(
                "CLARIBI_RATE_LIMIT_JWT_PER_MINUTE", "2500",
                "CLARIBI_RATE_LIMIT_API_KEY_PER_MINUTE", "42",
                "CLARIBI_RATE_LIMIT_ADDRESS_PER_MINUTE", "7"));
        assertThat(properties.jwtPerMinute()).isEqualTo(2500);
        assertThat(properties.apiKeyPerMinute()).isEqualTo(42);
        assertThat(properties.addressPerMinute()).isEqualTo(7);
        assertThat(properties.window()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void withoutEnvironmentThenContractDefaults() {
        RateLimitProperties properties = bind(Map.of());
        assertThat(properties.jwtPerMinute()).isEqualTo(1000);
        assertThat(properties.apiKeyPerMinute()).isEqualTo(100);
        assertThat(properties.addressPerMinute()).isEqualTo(300);
    }

    @Test
    void redisUrlFromEnvironment() {
        StandardEnvironment environment = environment(Map.of("CLARIBI_REDIS_URL", "redis://cache:6379"));
        RateLimitProperties properties =
                Binder.get(environment).bindOrCreate("claribi.rate-limit", RateLimitProperties.class);
        assertThat(properties.redisUrl()).isEqualTo("redis://cache:6379");
    }

    private static RateLimitProperties bind(Map<String, Object> variables) {
        return Binder.get(environment(variables)).bindOrCreate("claribi.rate-limit", RateLimitProperties.class);
    }

    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        DocumentedSettingNames.attach(environment);
        ConfigurationPropertySources.attach(environment);
        return environment;
    }
}
