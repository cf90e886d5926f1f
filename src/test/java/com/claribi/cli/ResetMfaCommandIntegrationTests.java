package com.claribi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.MfaEnrolment;
import com.claribi.support.ServerProcess;
import com.claribi.support.ServerProcess.Command;
import com.claribi.support.TestClient;
import com.claribi.support.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code bin/claribi user reset-mfa --email E} as an operator runs it for a user who lost their authenticator and
 * recovery codes: the built jar on a new installation, beside the running server on PostgreSQL, and with the server
 * stopped on the embedded database.
 */
class ResetMfaCommandIntegrationTests {

    private static final String EMAIL = "ops@acme.example";
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dataDir;

    private Map<String, String> environment;

    @BeforeEach
    void newInstallation() {
        environment = ServerProcess.environment(TestDatabase.newDatabase());
    }

    @Test
    void resetMfaLetsTheLockedOutUserSignInWithThePasswordAndIsAudited() {
        Command created =
                claribi(PASSWORD + "\n", "org", "create", "--name", "Acme", "--admin-email", EMAIL, "--password-stdin");
        assertThat(created.exitCode()).as(created.output()).isZero();
        ServerProcess server = ServerProcess.start(dataDir, environment);
        try {
            MfaEnrolment enrolled = MfaEnrolment.of(server.client(), EMAIL, PASSWORD);
            assertThat(enrolled.login(server.client(), Map.of()).error()).isEqualTo("mfa_required");

            if (!TestDatabase.isPostgres()) {
                server.stop();
            }
            Command reset = claribi("", "user", "reset-mfa", "--email", EMAIL);
            assertThat(reset.exitCode()).as(reset.output()).isZero();
            assertThat(reset.stdout()).contains("Turned MFA off for " + EMAIL);
            if (!TestDatabase.isPostgres()) {
                server = ServerProcess.start(dataDir, environment);
            }

            TestClient api = server.client();
            TestClient.Response login = enrolled.login(api, Map.of());
            assertThat(login.status()).as(login.text()).isEqualTo(200);
            String bearer = TestClient.bearer(login.json().path("access").asString());
            assertThat(api.get("/api/auth/mfa/", "Authorization", bearer).json())
                    .isEqualTo(TestClient.JSON.readTree("{\"enabled\": false, \"recovery_codes_remaining\": 0}"));
            JsonNode events = api.get("/api/audit-events/?type=mfa_reset", "Authorization", bearer)
                    .json()
                    .path("results");
            assertThat(events).hasSize(1);
            assertThat(events.get(0).path("email").asString()).isEqualTo(EMAIL);
            assertThat(events.get(0).path("user_agent").asString()).isEqualTo("bin/claribi");
            assertThat(events.get(0).path("detail").asString()).isEqualTo("turned off by an operator");
            // The user enrols again from scratch.
            assertThat(api.post("/api/auth/mfa/setup/", "", "Authorization", bearer)
                            .status())
                    .isEqualTo(200);
        } finally {
            server.close();
        }
    }

    @Test
    void resetMfaWhenEmailUnknownOrMissingThenRefused() {
        Command unknown = claribi("", "user", "reset-mfa", "--email", "nobody@acme.example");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderr()).contains("No user with email nobody@acme.example");
        Command missing = claribi("", "user", "reset-mfa");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).contains("--email");
    }

    private Command claribi(String stdin, String... args) {
        return ServerProcess.run(dataDir, environment, stdin, args);
    }
}
