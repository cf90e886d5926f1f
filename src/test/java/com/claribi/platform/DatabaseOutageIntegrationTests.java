package com.claribi.platform;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.ServerProcess;
import com.claribi.support.TestClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL goes away under load and comes back on the same port and data: meanwhile the server answers 503
 * {@code service_unavailable} with {@code Retry-After} wherever it needs the database (never a 500) and keeps serving
 * what needs none, and its readiness probe answers 503 (liveness 200); afterwards it recovers by itself, and
 * everything it acknowledged before the outage is still there.
 */
@EnabledIfSystemProperty(named = "claribi.test.database", matches = "postgres")
class DatabaseOutageIntegrationTests {

    private static final String ADMIN = "ops@acme.example";
    private static final String VIEWER = "viewer@acme.example";
    private static final String OLD_PASSWORD = "correct horse battery staple";
    private static final String NEW_PASSWORD = "a brand new passphrase 42";
    private static final String VIEWER_PASSWORD = "a viewer's long passphrase";
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final int postgresPort = ServerIntegrationTest.freePort();
    private EmbeddedPostgres postgres;

    @BeforeEach
    void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setPort(postgresPort)
                .setDataDirectory(dir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .start();
    }

    @AfterEach
    void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void databaseOutageThenServiceUnavailableAndRecoveryWithoutRestart() throws Exception {
        // The load below spends the administrator's request budget at tens of requests a second for as long as the
        // outage lasts (a slow machine made that over 1000 in a minute); this test is about the outage, so the
        // budget is far above what it can spend (the RateLimit*IntegrationTests cover budgets).
        int managementPort = ServerIntegrationTest.freePort();
        String readiness = "http://127.0.0.1:" + managementPort + "/actuator/health/readiness";
        Map<String, String> environment = Map.of(
                "CLARIBI_DATABASE_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "CLARIBI_DATABASE_USER", "postgres",
                "CLARIBI_DATABASE_PASSWORD", "postgres",
                "CLARIBI_RATE_LIMIT_JWT_PER_MINUTE", "1000000",
                "CLARIBI_MANAGEMENT_PORT", String.valueOf(managementPort));
        command(environment, OLD_PASSWORD, "org", "create", "--name", "Acme", "--admin-email", ADMIN);
        command(environment, VIEWER_PASSWORD, "user", "create", "--org", "Acme", "--email", VIEWER, "--role", "viewer");

        try (ServerProcess server = ServerProcess.start(dir.resolve("data"), environment)) {
            TestClient api = server.client();
            Map<String, String> session = api.login(ADMIN, OLD_PASSWORD);
            String verified = session.get("access");
            assertThat(status(api, verified).status()).isEqualTo(200);
            assertThat(api.get(readiness).status()).isEqualTo(200);
            assertThat(api.post(
                                    "/api/auth/password/",
                                    Map.of("old_password", OLD_PASSWORD, "new_password", NEW_PASSWORD),
                                    "Authorization",
                                    TestClient.bearer(verified))
                            .status())
                    .as("the password change is acknowledged")
                    .isEqualTo(204);

            try (Load load = new Load(api, verified)) {
                load.awaitAnswers(4);
                postgres.close();
                long outageStarted = System.nanoTime();

                TestClient.Response login = awaitServiceUnavailable(api);
                System.out.println("During the outage the first 503 came " + millisSince(outageStarted)
                        + " ms after PostgreSQL stopped");
                assertThat(login)
                        .isError(503, "service_unavailable")
                        .hasDetail()
                        .hasRetryAfter();
                // A user and their organization come from a cache that holds each for up to a second (Members), so
                // a token used just before the outage may still be answered from memory that long.
                assertThat(onceTheCacheHasExpired(() -> status(api, verified)))
                        .isError(503, "service_unavailable")
                        .hasDetail()
                        .hasRetryAfter();
                assertThat(onceTheCacheHasExpired(
                                () -> api.post("/api/auth/token/refresh/", Map.of("refresh", session.get("refresh")))))
                        .isError(503, "service_unavailable")
                        .hasDetail()
                        .hasRetryAfter();
                assertThat(api.get("/api/health/").status()).isEqualTo(200);
                assertThat(api.get(readiness).status())
                        .as("readiness follows the database")
                        .isEqualTo(503);
                assertThat(api.get(readiness.replace("readiness", "liveness")).status())
                        .isEqualTo(200);
                assertThat(api.get("/api/auth/jwks/", "Authorization", TestClient.bearer(verified))
                                .status())
                        .isEqualTo(200);
                TestClient.Response forged = status(api, verified.substring(0, verified.length() - 4) + "AAAA");
                assertThat(forged.status())
                        .as("a bad token is refused without the database")
                        .isEqualTo(401);
                load.awaitAnswers(load.answers() + 4);

                startPostgres();
                long restarted = System.nanoTime();
                TestClient.Response recovered;
                do {
                    assertThat(Duration.ofNanos(System.nanoTime() - restarted))
                            .as("the server recovers without a restart")
                            .isLessThan(RECOVERY_LIMIT);
                    Thread.sleep(100);
                    recovered = api.post("/api/auth/login/", Map.of("email", ADMIN, "password", NEW_PASSWORD));
                } while (recovered.status() == 503);
                System.out.println("Recovered " + millisSince(restarted)
                        + " ms after PostgreSQL was back (outage lasted "
                        + Duration.ofNanos(restarted - outageStarted).toMillis() + " ms)");
                assertThat(recovered.status()).isEqualTo(200);
                assertThat(api.get(readiness).status()).isEqualTo(200);
                load.awaitAnswers(load.answers() + 4);
                load.stop();

                assertThat(load.statuses()).as("every answer under load").allMatch(s -> s == 200 || s == 503);
                assertThat(load.statuses()).as("answers under load").contains(200, 503);
                assertThat(load.unavailableWithoutRetryAfter()).isZero();
                assertThat(load.failures()).isEmpty();
            }

            assertThat(status(api, verified).status())
                    .as("the session from before the outage")
                    .isEqualTo(200);
            assertThat(api.post("/api/auth/token/refresh/", Map.of("refresh", session.get("refresh")))
                            .status())
                    .isEqualTo(200);
            assertThat(api.post("/api/auth/login/", Map.of("email", ADMIN, "password", OLD_PASSWORD))
                            .error())
                    .as("the password changed before the outage")
                    .isEqualTo("invalid_credentials");
            assertThat(status(api, api.login(VIEWER, VIEWER_PASSWORD).get("access"))
                            .json()
                            .path("user")
                            .path("role")
                            .asString())
                    .isEqualTo("viewer");
        }
    }

    /** Requests a signed-in client keeps sending: a login and a status, over and over. */
    private static final class Load implements AutoCloseable {

        private final TestClient api;
        private final String access;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private volatile int unavailableWithoutRetryAfter;
        private final Thread thread;

        Load(TestClient api, String access) {
            this.api = api;
            this.access = access;
            this.thread = Thread.ofPlatform().name("outage-load").start(this::run);
        }

        private void run() {
            while (running.get()) {
                try {
                    record(api.post("/api/auth/login/", Map.of("email", VIEWER, "password", VIEWER_PASSWORD)));
                    record(status(api, access));
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    failures.add(e.toString());
                }
            }
        }

        private void record(TestClient.Response response) {
            statuses.add(response.status());
            if (response.status() == 503
                    && (response.header("Retry-After") == null || !"service_unavailable".equals(response.error()))) {
                unavailableWithoutRetryAfter++;
            }
            if (response.status() != 200 && response.status() != 503) {
                failures.add(response.status() + " " + response.text());
            }
        }

        int answers() {
            return statuses.size();
        }

        void awaitAnswers(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (statuses.size() < count) {
                assertThat(System.nanoTime()).as("the load gets answers").isLessThan(deadline);
                Thread.sleep(20);
            }
        }

        List<Integer> statuses() {
            return List.copyOf(statuses);
        }

        List<String> failures() {
            return List.copyOf(failures);
        }

        int unavailableWithoutRetryAfter() {
            return unavailableWithoutRetryAfter;
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(Duration.ofSeconds(60));
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }

    private void command(Map<String, String> environment, String password, String... args) {
        String[] withStdin = Arrays.copyOf(args, args.length + 1);
        withStdin[args.length] = "--password-stdin";
        ServerProcess.Command command = ServerProcess.run(dir.resolve("cli"), environment, password + "\n", withStdin);
        assertThat(command.exitCode()).as(command.output()).isZero();
    }

    private static TestClient.Response status(TestClient api, String access) {
        return api.get("/api/auth/status/", "Authorization", TestClient.bearer(access));
    }

    private static TestClient.Response awaitServiceUnavailable(TestClient api) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            TestClient.Response login = api.post("/api/auth/login/", Map.of("email", ADMIN, "password", NEW_PASSWORD));
            if (login.status() != 200 || System.nanoTime() > deadline) {
                return login;
            }
            Thread.sleep(50);
        }
    }

    /**
     * The first answer to {@code request} that is not a 200, asked every 50 ms for up to three seconds: what the
     * server held in memory for at most a second (the members' cache) has expired by then.
     */
    private static TestClient.Response onceTheCacheHasExpired(java.util.function.Supplier<TestClient.Response> request)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (true) {
            TestClient.Response response = request.get();
            if (response.status() != 200 || System.nanoTime() > deadline) {
                return response;
            }
            Thread.sleep(50);
        }
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
