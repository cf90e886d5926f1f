package com.claribi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import com.claribi.support.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The change times other processes poll ({@code sessions.revoked_at}, {@code api_keys.changed_at}) are read from the
 * database's clock once the changed row is locked: a revocation that waited for a row lock another transaction held is
 * dated after that lock was released, not when its own transaction began. Dated at the start, a revocation that waited
 * longer than the pollers' look-back window would commit behind their watermark and never be seen by other processes
 * ({@code RevocationBehindLockAcrossProcessesIntegrationTests} shows that end to end on PostgreSQL).
 */
class ChangeClockIntegrationTests extends ServerIntegrationTest {

    /** How long the revocation waits once it is blocked; H2 gives up on a lock after a few seconds. */
    private static final Duration HELD = Duration.ofSeconds(1);

    @Autowired
    private DataSource dataSource;

    @Test
    void logoutWaitingOnSessionRowLockThenRevokedAtIsAfterLockReleased() throws Exception {
        Account account = newUser(Role.ADMINISTRATOR);
        Map<String, String> tokens = api.login(account.email(), account.password());

        Instant released;
        CompletableFuture<TestClient.Response> logout;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            lockRows(
                    lock,
                    "select id from sessions where user_id = ? for update",
                    account.user().id());
            logout = CompletableFuture.supplyAsync(
                    () -> api.post("/api/auth/logout/", "", "Authorization", TestClient.bearer(tokens.get("access"))));
            awaitBlocked();
            Thread.sleep(HELD);
            released = databaseNow();
            lock.commit();
        }

        assertThat(logout.get(20, TimeUnit.SECONDS).status()).isEqualTo(204);
        Instant revokedAt = jdbc().sql("select revoked_at from sessions where user_id = ?")
                .param(account.user().id())
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
        System.out.println("Logout blocked behind a row lock released at " + released + ": revoked_at " + revokedAt);
        assertThat(revokedAt).isAfterOrEqualTo(released);
    }

    @Test
    void apiKeyRevokeWaitingOnKeyRowLockThenChangedAtIsAfterLockReleased() throws Exception {
        Account account = newUser(Role.ADMINISTRATOR);
        String session = api.as(account);
        TestClient.Response created =
                api.post("/api/api-keys/", Map.of("name", "locked", "scope", "read_only"), "Authorization", session);
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().path("id").asLong();

        Instant released;
        CompletableFuture<TestClient.Response> revoke;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            lockRows(lock, "select id from api_keys where id = ? for update", id);
            revoke = CompletableFuture.supplyAsync(
                    () -> api.post("/api/api-keys/" + id + "/revoke/", "", "Authorization", session));
            awaitBlocked();
            Thread.sleep(HELD);
            released = databaseNow();
            lock.commit();
        }

        assertThat(revoke.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
        Instant changedAt = jdbc().sql("select changed_at from api_keys where id = ?")
                .param(id)
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
        System.out.println(
                "Key revocation blocked behind a row lock released at " + released + ": changed_at " + changedAt);
        assertThat(changedAt).isAfterOrEqualTo(released);
    }

    private static void lockRows(Connection connection, String sql, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            try (var rows = statement.executeQuery()) {
                assertThat(rows.next()).as("a row to lock").isTrue();
            }
        }
    }

    /** Waits until some transaction waits for a lock (the request's, behind the one this test holds). */
    private void awaitBlocked() throws InterruptedException {
        String waiting = TestDatabase.isPostgres()
                ? "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'"
                : "select count(*) from information_schema.sessions where blocker_id is not null";
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (jdbc().sql(waiting).query(Long.class).single() == 0) {
            assertThat(System.nanoTime()).as("the request waits for the lock").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private Instant databaseNow() {
        return jdbc().sql("select current_timestamp")
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
    }

    private JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }
}
