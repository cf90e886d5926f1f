package com.claribi.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The activity log's writer against the real database: a row the database refuses is set aside and never blocks the
 * others, refused (429) uses are folded into one row per key and minute, a busy key cannot push another key's uses out
 * of the queue, and every use not recorded is counted. Each test runs its own log (small queue, no schedule) over the
 * server's database.
 */
class ApiKeyActivityLogIntegrationTests extends ServerIntegrationTest {

    @Autowired
    ApiKeyActivity activity;

    @Autowired
    TransactionTemplate transactions;

    private String session;

    @BeforeEach
    void signIn() {
        Account owner = newUser(Role.ADMINISTRATOR);
        session = api.as(owner);
    }

    @Test
    void flushWhenTheDatabaseRefusesARowThenItIsSetAsideAndTheOthersAreWritten() {
        ApiKeyActivityLog log = log(1_000, 1_000);
        long key = newKey();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        log.record(use(key, now, 200));
        // Values that passed no edge (built directly): a key that does not exist, an address over the column's width.
        log.record(use(-1, now, 200));
        log.record(use(key, now, 404));
        log.record(new ApiKeyUse(key, now, "GET", "/api/x/", 200, "1".repeat(300), null, 1));
        log.record(use(-1, now, 429));
        log.flush();

        assertThat(activity.countOfKey(key)).isEqualTo(2);
        assertThat(log.setAside()).isEqualTo(3);

        log.record(use(key, now, 200));
        log.flush();
        assertThat(activity.countOfKey(key))
                .as("nothing is stuck behind the refused rows")
                .isEqualTo(3);
        assertThat(log.setAside()).isEqualTo(3);
    }

    @Test
    void refusedUsesOfOneKeyAndMinuteThenOneRowWhoseCountSaysHowMany() {
        ApiKeyActivityLog log = log(1_000, 1_000);
        long key = newKey();
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (int i = 0; i < 100; i++) {
            log.record(use(key, minute.plusSeconds(i % 60), 200));
            log.record(use(key, minute.plusSeconds(i % 60), 429));
        }
        log.flush();
        for (int i = 0; i < 100; i++) {
            log.record(use(key, minute.plusSeconds(59), 429));
        }
        log.flush();

        List<ApiKeyUse> rows = activity.pageOfKey(key, 0, 1_000);
        assertThat(rows).hasSize(101);
        List<ApiKeyUse> refused =
                rows.stream().filter(row -> row.status() == 429).toList();
        assertThat(refused).hasSize(1);
        assertThat(refused.getFirst().count()).isEqualTo(200);
        assertThat(refused.getFirst().timestamp()).isEqualTo(minute);
        assertThat(rows.stream().filter(row -> row.status() == 200)).allMatch(row -> row.count() == 1);
    }

    @Test
    void busyKeyWhenTheQueueIsFullThenAnotherKeysUsesAreStillQueuedAndEveryDropCounted() {
        ApiKeyActivityLog log = log(100, 20);
        long busy = newKey();
        long quiet = newKey();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 1_000; i++) {
            log.record(use(busy, now, 200));
        }
        for (int i = 0; i < 10; i++) {
            log.record(use(quiet, now, 200));
        }
        log.flush();

        assertThat(activity.countOfKey(quiet)).isEqualTo(10);
        assertThat(activity.countOfKey(busy)).isEqualTo(20);
        assertThat(log.dropped()).isEqualTo(980);

        // The busy key's places are free again once written.
        log.record(use(busy, now, 200));
        log.flush();
        assertThat(activity.countOfKey(busy)).isEqualTo(21);
    }

    private ApiKeyActivityLog log(int queue, int queuePerKey) {
        return new ApiKeyActivityLog(
                activity,
                transactions,
                Clock.systemUTC(),
                new ApiKeyActivityLog.Settings(Duration.ofDays(90), queue, queuePerKey),
                new SimpleMeterRegistry());
    }

    private static ApiKeyUse use(long key, Instant at, int status) {
        return ApiKeyUse.of(key, at, "GET", "/api/auth/status/", status, "192.0.2.1", "test");
    }

    private long newKey() {
        TestClient.Response created =
                api.post("/api/api-keys/", Map.of("name", "activity", "scope", "read_only"), "Authorization", session);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asLong();
    }
}
