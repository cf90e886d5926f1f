package com.claribi.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void documentedMailVariablesBindTheMailSettings() {
        IdentityProperties properties = bind(Map.of(
                "CLARIBI_SMTP_URL", "smtps://mailer:secret@mail.acme.example:465",
                "CLARIBI_SMTP_FROM", "clariBI <no-reply@acme.example>",
                "CLARIBI_PUBLIC_URL", "https://claribi.acme.example"));
        assertThat(properties.mail())
                .isEqualTo(new ResetMail.Settings(
                        "smtps://mailer:secret@mail.acme.example:465", "clariBI <no-reply@acme.example>"));
        assertThat(properties.publicUrl()).isEqualTo("https://claribi.acme.example");
    }

    @Test
    void mailWithoutPublicUrlOrWithAnotherSchemeThenRefusedWithTheVariable() {
        assertThatThrownBy(() -> new ResetMail(new ResetMail.Settings("smtp://localhost:25", "a@b.example"), null))
                .hasMessageContaining("CLARIBI_PUBLIC_URL");
        assertThatThrownBy(() -> new ResetMail(
                        new ResetMail.Settings("http://localhost:25", "a@b.example"), "https://claribi.example"))
                .hasMessageContaining("CLARIBI_SMTP_URL");
        assertThatThrownBy(() -> new ResetMail(
                        new ResetMail.Settings("smtp://localhost:25", "not an address"), "https://claribi.example"))
                .hasMessageContaining("CLARIBI_SMTP_FROM");
        assertThat(new ResetMail(new ResetMail.Settings(null, "a@b.example"), null).configured())
                .isFalse();
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
        assertThat(properties.mail()).isEqualTo(new ResetMail.Settings(null, "clariBI <no-reply@localhost>"));
        assertThat(properties.publicUrl()).isNull();
    }

    private static IdentityProperties bind(Map<String, Object> variables) {
        return Binder.get(DocumentedEnvironment.of(variables))
                .bindOrCreate("claribi.identity", IdentityProperties.class);
    }
}
