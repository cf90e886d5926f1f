package com.claribi.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.DocumentedEnvironment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

/** {@code claribi.apikey} binds from the documented {@code CLARIBI_API_KEY_ACTIVITY_*}. */
class ApiKeyPropertiesUnitTests {

    @Test
    void documentedVariablesBindTheActivityLog() {
        ApiKeyProperties properties = bind(Map.of(
                "CLARIBI_API_KEY_ACTIVITY_RETENTION", "P30D",
                "CLARIBI_API_KEY_ACTIVITY_QUEUE", "500",
                "CLARIBI_API_KEY_ACTIVITY_QUEUE_PER_KEY", "50",
                "CLARIBI_API_KEYS_LOOK_BACK", "PT4S"));
        assertThat(properties.activity()).isEqualTo(new ApiKeyActivityLog.Settings(Duration.ofDays(30), 500, 50));
        assertThat(properties.lookBack()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void nothingSetThenTheDefaults() {
        assertThat(bind(Map.of()).activity())
                .isEqualTo(new ApiKeyActivityLog.Settings(Duration.ofDays(90), 100000, 10000));
        assertThat(bind(Map.of()).lookBack()).isEqualTo(Duration.ofSeconds(30));
    }

    private static ApiKeyProperties bind(Map<String, Object> variables) {
        return Binder.get(DocumentedEnvironment.of(variables)).bindOrCreate("claribi.apikey", ApiKeyProperties.class);
    }
}
