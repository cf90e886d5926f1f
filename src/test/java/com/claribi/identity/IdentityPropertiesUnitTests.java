package com.claribi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.DocumentedEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * {@code claribi.identity} binds from the documented {@code CLARIBI_BOOTSTRAP_*} and {@code CLARIBI_PASSWORD_HASHING_*}.
 */
class IdentityPropertiesUnitTests {

    @Test
    void documentedVariablesBindTheIdentityRecord() {
        IdentityProperties properties = bind(Map.of(
                "CLARIBI_BOOTSTRAP_ADMIN_EMAIL", "ops@acme.example",
                "CLARIBI_BOOTSTRAP_ADMIN_PASSWORD", "a long passphrase",
                "CLARIBI_BOOTSTRAP_ORG_NAME", "Acme Analytics",
                "CLARIBI_PASSWORD_HASHING_MEMORY_KIB", "8192",
                "CLARIBI_PASSWORD_HASHING_ITERATIONS", "3",
                "CLARIBI_PASSWORD_HASHING_THREADS", "2",
                "CLARIBI_PASSWORD_HASHING_QUEUE", "16"));
        assertThat(properties.bootstrap())
                .isEqualTo(new Bootstrap.Settings("ops@acme.example", "a long passphrase", "Acme Analytics"));
        assertThat(properties.passwordHashing()).isEqualTo(new PasswordHashing.Settings(8192, 3, 2, 16));
    }

    @Test
    void moduleVariablesBindItToo() {
        IdentityProperties properties = bind(Map.of(
                "CLARIBI_IDENTITY_BOOTSTRAP_ORG_NAME", "Acme Analytics",
                "CLARIBI_IDENTITY_PASSWORD_HASHING_QUEUE", "16"));
        assertThat(properties.bootstrap().orgName()).isEqualTo("Acme Analytics");
        assertThat(properties.passwordHashing().queue()).isEqualTo(16);
    }

    @Test
    void nothingSetThenTheDefaults() {
        IdentityProperties properties = bind(Map.of());
        assertThat(properties.bootstrap()).isEqualTo(new Bootstrap.Settings(null, null, "clariBI"));
        assertThat(properties.passwordHashing()).isEqualTo(new PasswordHashing.Settings(19456, 2, 0, 64));
    }

    private static IdentityProperties bind(Map<String, Object> variables) {
        return Binder.get(DocumentedEnvironment.of(variables))
                .bindOrCreate("claribi.identity", IdentityProperties.class);
    }
}
