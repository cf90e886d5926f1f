package com.claribi.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.DocumentedEnvironment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The failed-attempt budgets bind under {@code claribi.rate-limit} from the documented {@code CLARIBI_LOGIN_THROTTLE_*}.
 */
class RateLimitPropertiesUnitTests {

    @Test
    void documentedVariablesBindTheLoginThrottle() {
        RateLimitProperties properties = bind(Map.of(
                "CLARIBI_LOGIN_THROTTLE_PER_ACCOUNT_AND_ADDRESS", "3",
                "CLARIBI_LOGIN_THROTTLE_PER_ACCOUNT_AND_ADDRESS_PERIOD", "PT6S",
                "CLARIBI_LOGIN_THROTTLE_PER_ACCOUNT", "7",
                "CLARIBI_LOGIN_THROTTLE_PER_ACCOUNT_PERIOD", "PT1M",
                "CLARIBI_LOGIN_THROTTLE_PER_ADDRESS", "100000",
                "CLARIBI_LOGIN_THROTTLE_PER_ADDRESS_PERIOD", "PT2M",
                "CLARIBI_LOGIN_THROTTLE_IN_FLIGHT_WAIT", "PT1S",
                "CLARIBI_RATE_LIMIT_JWT_PER_MINUTE", "50"));
        assertThat(properties.loginThrottle())
                .isEqualTo(new LoginThrottle.Settings(
                        3,
                        Duration.ofSeconds(6),
                        7,
                        Duration.ofMinutes(1),
                        100000,
                        Duration.ofMinutes(2),
                        Duration.ofSeconds(1)));
        assertThat(properties.jwtPerMinute()).isEqualTo(50);
    }

    @Test
    void nothingSetThenTheDefaults() {
        Duration fiveMinutes = Duration.ofMinutes(5);
        assertThat(bind(Map.of()).loginThrottle())
                .isEqualTo(new LoginThrottle.Settings(
                        5, fiveMinutes, 20, fiveMinutes, 100, fiveMinutes, Duration.ofSeconds(10)));
    }

    private static RateLimitProperties bind(Map<String, Object> variables) {
        return Binder.get(DocumentedEnvironment.of(variables))
                .bindOrCreate("claribi.rate-limit", RateLimitProperties.class);
    }
}
