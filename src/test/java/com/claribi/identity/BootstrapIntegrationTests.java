package com.claribi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.ServerProcess;
import com.claribi.support.TestClient;
import com.claribi.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first start of a new installation (a new data directory, and on PostgreSQL a new database), as an operator does
 * it: the built jar in its own process, configured by environment variables only.
 */
class BootstrapIntegrationTests {

    private static final Pattern PRINTED_PASSWORD = Pattern.compile("\n    password: (\\S+)\n");

    @TempDir
    Path dataDir;

    private Map<String, String> environment;

    @BeforeEach
    void newInstallation() {
        environment = new HashMap<>(ServerProcess.environment(TestDatabase.newDatabase()));
    }

    @Test
    void firstStartWithoutSettingsPrintsGeneratedAdministratorPasswordOnce() {
        String password;
        try (ServerProcess first = ServerProcess.start(dataDir, environment)) {
            report("first start, empty database", first);
            password =
                    first.awaitOutput(PRINTED_PASSWORD, Duration.ofSeconds(30)).group(1);
            assertThat(first.output()).contains("\n    email:    admin@localhost\n");
            assertThat(PRINTED_PASSWORD.matcher(first.output()).results().count())
                    .isEqualTo(1);
            assertCreatedBeforeListening(first.output(), "    password: ");

            TestClient.Response status = status(first.client(), "admin@localhost", password);
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.json().path("user").path("email").asString()).isEqualTo("admin@localhost");
            assertThat(status.json().path("user").path("role").asString()).isEqualTo("administrator");
            assertThat(status.json().path("organization").path("name").asString())
                    .isEqualTo("clariBI");
        }

        try (ServerProcess second = ServerProcess.start(dataDir, environment)) {
            report("second start", second);
            assertThat(status(second.client(), "admin@localhost", password).status())
                    .as("the administrator of the first start, with the same password")
                    .isEqualTo(200);
            second.stop();
            assertThat(second.output()).doesNotContain("password:").doesNotContain(password);
        }
    }

    @Test
    void firstStartWithBootstrapSettingsCreatesThatAdministrator() {
        String password = "an operator's chosen passphrase";
        environment.put("CLARIBI_BOOTSTRAP_ADMIN_EMAIL", "ops@acme.example");
        environment.put("CLARIBI_BOOTSTRAP_ADMIN_PASSWORD", password);
        environment.put("CLARIBI_BOOTSTRAP_ORG_NAME", "Acme Analytics");
        try (ServerProcess server = ServerProcess.start(dataDir, environment)) {
            report("first start with CLARIBI_BOOTSTRAP_*", server);
            assertCreatedBeforeListening(server.output(), "Created the organization \"Acme Analytics\"");
            // An operator's script signs in as soon as the server is healthy.
            TestClient.Response status = status(server.client(), "ops@acme.example", password);
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.json().path("user").path("email").asString()).isEqualTo("ops@acme.example");
            assertThat(status.json().path("user").path("role").asString()).isEqualTo("administrator");
            assertThat(status.json().path("organization").path("name").asString())
                    .isEqualTo("Acme Analytics");
            assertThat(server.client()
                            .post("/api/auth/login/", Map.of("email", "admin@localhost", "password", password))
                            .status())
                    .as("no generated administrator")
                    .isEqualTo(401);
            assertThat(server.output()).doesNotContain("password:").doesNotContain(password);
        }
    }

    /**
     * The administrator exists before the server accepts connections, so that a client which signs in as soon as the
     * health check answers cannot race the bootstrap. Timing cannot show that reliably; the order of the log can.
     */
    private static void assertCreatedBeforeListening(String output, String created) {
        assertThat(output).contains(created).contains("Tomcat started on port");
        assertThat(output.indexOf(created))
                .as("the bootstrap output comes before the server listens:%n%s", output)
                .isLessThan(output.indexOf("Tomcat started on port"));
    }

    private static TestClient.Response status(TestClient api, String email, String password) {
        String access = api.login(email, password).get("access");
        return api.get("/api/auth/status/", "Authorization", TestClient.bearer(access));
    }

    private static void report(String what, ServerProcess server) {
        System.out.printf(
                "Start-up time (%s, %s): %d ms from launching the JVM to GET /api/health/ 200%n",
                what,
                TestDatabase.isPostgres() ? "PostgreSQL" : "embedded H2",
                server.startupTime().toMillis());
    }
}
