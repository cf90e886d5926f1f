package com.claribi.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.ServerProcess;
import com.claribi.support.TestClient;
import com.claribi.support.TwoServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two server processes on one PostgreSQL database; a revocation on process A waits on a row lock (held here through a
 * separate connection) for longer than the pollers' look-back window, while another revocation commits and
 * moves process B's watermark past the waiting transaction's start. Once the lock is released and the revocation
 * commits, B still refuses the revoked credential within a second: its change time is the database's clock after the
 * wait, not the transaction's start. PostgreSQL only: the embedded H2 database is one process's, so no other process
 * polls it, and a revocation made in a process applies there at once.
 */
@EnabledIfSystemProperty(named = "claribi.test.database", matches = "postgres")
class RevocationBehindLockAcrossProcessesIntegrationTests {

    private static final Duration ALLOWED_DELAY = Duration.ofSeconds(1);
    /** Longer than the pollers' look-back window on {@link TwoServers#shared()}, with a margin. */
    private static final Duration LONGER_THAN_LOOK_BACK = TwoServers.LOOK_BACK.plusSeconds(3);

    private static final String PASSWORD = TwoServers.PASSWORD;

    private static Map<String, String> environment;
    private static TwoServers servers;
    private static ServerProcess a;
    private static ServerProcess b;

    @BeforeAll
    static void twoServersOnOneDatabase() {
        servers = TwoServers.shared();
        environment = servers.environment();
        a = servers.a();
        b = servers.b();
    }

    @Test
    void logoutWaitingOnRowLockLongerThanLookBackThenOtherProcessRefusesTokenWithinOneSecond() throws Exception {
        String email = servers.newAdministrator();
        Map<String, String> victim = a.client().login(email, PASSWORD);
        Map<String, String> bystander = a.client().login(servers.newAdministrator(), PASSWORD);
        assertThat(status(b, victim)).isEqualTo(200);
        assertThat(status(b, bystander)).isEqualTo(200);

        CompletableFuture<HttpResponse<String>> logout;
        try (Connection lock = connect()) {
            lock.setAutoCommit(false);
            lockRows(
                    lock,
                    "select s.id from sessions s join users u on u.id = s.user_id where u.email_normalized = ?"
                            + " for update of s",
                    email);
            logout = postLong(a, "/api/auth/logout/", victim.get("access"));
            awaitBlocked();
            Thread.sleep(LONGER_THAN_LOOK_BACK);
            // Another revocation, committed now: B's watermark passes the waiting transaction's start.
            assertThat(a.client()
                            .post("/api/auth/logout/", "", "Authorization", TestClient.bearer(bystander.get("access")))
                            .status())
                    .isEqualTo(204);
            untilRefused(b, bystander, System.nanoTime());
            assertThat(logout).as("the logout waits for the lock").isNotDone();
            lock.rollback();
        }
        assertThat(logout.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
        long committed = System.nanoTime();

        Duration delay = untilRefused(b, victim, committed);
        System.out.println("Logout on process A that waited " + LONGER_THAN_LOOK_BACK.toSeconds()
                + " s on a row lock refused by process B " + delay.toMillis() + " ms after it committed");
        assertThat(delay).isLessThan(ALLOWED_DELAY);
    }

    @Test
    void apiKeyRevokeWaitingOnRowLockLongerThanLookBackThenOtherProcessRefusesKeyWithinOneSecond() throws Exception {
        String session = a.client().as(servers.newAdministrator(), PASSWORD);
        TestClient.Response victim = createKey(session, "victim");
        TestClient.Response bystander = createKey(session, "bystander");
        String victimSecret = victim.json().path("key").asString();
        String bystanderSecret = bystander.json().path("key").asString();
        // Process B has verified both keys and holds them in its cache.
        assertThat(b.client()
                        .get("/api/auth/status/", "X-API-Key", victimSecret)
                        .status())
                .isEqualTo(200);
        assertThat(b.client()
                        .get("/api/auth/status/", "X-API-Key", bystanderSecret)
                        .status())
                .isEqualTo(200);
        // B's activity log records those uses (last_used_at) before the victim's row is locked.
        Thread.sleep(2_000);

        CompletableFuture<HttpResponse<String>> revoke;
        try (Connection lock = connect()) {
            lock.setAutoCommit(false);
            lockRows(
                    lock,
                    "select id from api_keys where id = ? for update",
                    victim.json().path("id").asLong());
            revoke = postLong(
                    a, "/api/api-keys/" + victim.json().path("id").asLong() + "/revoke/", session.substring(7));
            awaitBlocked();
            Thread.sleep(LONGER_THAN_LOOK_BACK);
            assertThat(a.client()
                            .post(
                                    "/api/api-keys/"
                                            + bystander.json().path("id").asLong() + "/revoke/",
                                    "",
                                    "Authorization",
                                    session)
                            .status())
                    .isEqualTo(200);
            untilKeyRefused(b, bystanderSecret, System.nanoTime());
            // B re-read the victim's creation (and dropped it from its cache) at every poll until its watermark
            // passed it; now B reads the key again and caches it, not yet revoked, as a busy client would have it.
            assertThat(b.client()
                            .get("/api/auth/status/", "X-API-Key", victimSecret)
                            .status())
                    .isEqualTo(200);
            assertThat(revoke).as("the revocation waits for the lock").isNotDone();
            lock.rollback();
        }
        assertThat(revoke.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        long committed = System.nanoTime();

        Duration delay = untilKeyRefused(b, victimSecret, committed);
        System.out.println("API key revoked on process A after waiting " + LONGER_THAN_LOOK_BACK.toSeconds()
                + " s on a row lock refused by process B " + delay.toMillis() + " ms after it committed");
        assertThat(delay).isLessThan(ALLOWED_DELAY);
    }

    private static TestClient.Response createKey(String session, String name) {
        TestClient.Response created =
                a.client().post("/api/api-keys/", Map.of("name", name, "scope", "read_only"), "Authorization", session);
        assertThat(created.status()).isEqualTo(201);
        return created;
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                environment.get("CLARIBI_DATABASE_URL"),
                environment.get("CLARIBI_DATABASE_USER"),
                environment.get("CLARIBI_DATABASE_PASSWORD"));
    }

    private static void lockRows(Connection connection, String sql, Object parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as("a row to lock").isTrue();
            }
        }
    }

    /** Waits until a transaction of the servers waits for a lock (the request's, behind the one this test holds). */
    private static void awaitBlocked() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            while (true) {
                try (ResultSet rows = statement.executeQuery("select count(*) from pg_stat_activity"
                        + " where datname = current_database() and wait_event_type = 'Lock'")) {
                    rows.next();
                    if (rows.getLong(1) > 0) {
                        return;
                    }
                }
                assertThat(System.nanoTime())
                        .as("the request waits for the lock")
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    /** A POST with a bearer token that may take longer than {@link TestClient}'s 30-second timeout. */
    private static CompletableFuture<HttpResponse<String>> postLong(ServerProcess server, String path, String token) {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(TestClient.trusting(server.certificate()))
                .build();
        return http.sendAsync(
                HttpRequest.newBuilder(URI.create(server.client().baseUrl() + path))
                        .timeout(Duration.ofSeconds(120))
                        .header("Authorization", TestClient.bearer(token))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(""))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int status(ServerProcess server, Map<String, String> tokens) {
        return server.client()
                .get("/api/auth/status/", "Authorization", TestClient.bearer(tokens.get("access")))
                .status();
    }

    /** Polls {@code server} every 50 ms with the access token until it is refused; the time since {@code sinceNanos}. */
    private static Duration untilRefused(ServerProcess server, Map<String, String> tokens, long sinceNanos) {
        while (true) {
            int status = status(server, tokens);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - sinceNanos);
            if (status == 401) {
                return elapsed;
            }
            assertThat(status).isEqualTo(200);
            assertThat(elapsed).as("the ended session is still accepted").isLessThan(Duration.ofSeconds(5));
            pause();
        }
    }

    private static Duration untilKeyRefused(ServerProcess server, String secret, long sinceNanos) {
        while (true) {
            TestClient.Response response = server.client().get("/api/auth/status/", "X-API-Key", secret);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - sinceNanos);
            if (response.status() == 401) {
                assertThat(response.error()).isEqualTo("invalid_api_key");
                return elapsed;
            }
            assertThat(response.status()).isEqualTo(200);
            assertThat(elapsed).as("the revoked key is still accepted").isLessThan(Duration.ofSeconds(5));
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
