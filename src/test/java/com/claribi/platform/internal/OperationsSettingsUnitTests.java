package com.claribi.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.claribi.platform.PlatformProperties;
import com.claribi.support.DocumentedEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

/**
 * The operational settings become Spring Boot's ({@code management.server.*}, structured logging, the Hikari pool), and
 * a value the server cannot use stops the start with a message naming the documented variable.
 */
class OperationsSettingsUnitTests {

    @Test
    void defaultsThenManagementOnLoopbackPort9090PlainLogsPoolOf16() {
        StandardEnvironment environment = DocumentedEnvironment.of(Map.<String, Object>of());
        assertThat(environment.getProperty("management.server.port")).isEqualTo("9090");
        assertThat(environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
        assertThat(environment.getProperty("logging.structured.format.console")).isNull();
        assertThat(environment.getProperty("spring.datasource.hikari.maximum-pool-size"))
                .isEqualTo("16");
        PlatformProperties platform = bind(environment);
        assertThat(platform.shutdownGrace()).hasSeconds(10);
        assertThat(platform.databasePoolSize()).isEqualTo(16);
    }

    @Test
    void documentedVariablesThenSpringSettings() {
        StandardEnvironment environment = DocumentedEnvironment.of(Map.<String, Object>of(
                "CLARIBI_MANAGEMENT_PORT", "off",
                "CLARIBI_MANAGEMENT_ADDRESS", "0.0.0.0",
                "CLARIBI_LOG_FORMAT", "JSON",
                "CLARIBI_DATABASE_POOL_SIZE", "40",
                "CLARIBI_SHUTDOWN_GRACE", "PT3S"));
        assertThat(environment.getProperty("management.server.port")).isEqualTo("-1");
        assertThat(environment.getProperty("management.server.address")).isEqualTo("0.0.0.0");
        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(environment.getProperty("spring.datasource.hikari.maximum-pool-size"))
                .isEqualTo("40");
        assertThat(bind(environment).shutdownGrace()).hasSeconds(3);
    }

    @Test
    void springsOwnNameWinsOverTheDocumentedOne() {
        StandardEnvironment environment = DocumentedEnvironment.of(Map.<String, Object>of(
                "CLARIBI_DATABASE_POOL_SIZE", "40", "SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE", "8"));
        assertThat(environment.getProperty("spring.datasource.hikari.maximum-pool-size"))
                .isEqualTo("8");
    }

    @Test
    void unusableValuesThenRefusedAtStartNamingTheVariable() {
        assertRefused("CLARIBI_MANAGEMENT_PORT", "99999");
        assertRefused("CLARIBI_MANAGEMENT_PORT", "nine");
        assertRefused("CLARIBI_MANAGEMENT_ADDRESS", "localhost");
        assertRefused("CLARIBI_LOG_FORMAT", "xml");
        assertRefused("CLARIBI_SHUTDOWN_GRACE", "-PT1S");
        assertRefused("CLARIBI_SHUTDOWN_GRACE", "PT1H");
        assertRefused("CLARIBI_DATABASE_POOL_SIZE", "0");
    }

    @Test
    void managementPortWhenTheApisPortThenRefusedNamingBoth() {
        StandardEnvironment environment = DocumentedEnvironment.of(
                Map.<String, Object>of("CLARIBI_PORT", "9443", "CLARIBI_MANAGEMENT_PORT", "9443"));
        assertThatThrownBy(() -> bind(environment))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("CLARIBI_MANAGEMENT_PORT must differ from CLARIBI_PORT (9443)");
    }

    private static void assertRefused(String variable, String value) {
        StandardEnvironment environment = DocumentedEnvironment.of(Map.<String, Object>of(variable, value));
        assertThatThrownBy(() -> bind(environment))
                .as(variable + "=" + value)
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining(variable);
    }

    private static PlatformProperties bind(StandardEnvironment environment) {
        return Binder.get(environment).bindOrCreate("claribi.platform", PlatformProperties.class);
    }
}
