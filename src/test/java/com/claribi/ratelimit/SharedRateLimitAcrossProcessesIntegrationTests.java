package com.claribi.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.ServerProcess;
import com.claribi.support.TestClient;
import com.claribi.support.TestRedis;
import com.claribi.support.TwoServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes sharing one PostgreSQL database and one Redis, configured only by environment variables: one
 * budget per key across both, never more than it and at most what the two processes' leases can hold short of it;
 * both keep answering when Redis is killed, each on its own budget, and share again once Redis is back, without a
 * restart. The window is an hour so that nothing refills while a test counts.
 */
@EnabledIfSystemProperty(named = "claribi.test.database", matches = "postgres")
class SharedRateLimitAcrossProcessesIntegrationTests {

    private static final String EMAIL = "owner@example.com";
    private static final String PASSWORD = "correct horse battery staple";
    private static final int KEY_BUDGET = 100;
    private static final int JWT_BUDGET = 77;

    @TempDir
    static Path dir;

    private static TestRedis redis;
    private static TwoServers servers;
    private static ServerProcess a;
    private static ServerProcess b;
    private static String session;

    @BeforeAll
    static void twoServersOnOneDatabaseAndOneRedis() {
        redis = new TestRedis();
        servers = TwoServers.start(
                dir,
                Map.of(
                        "CLARIBI_BOOTSTRAP_ADMIN_EMAIL",
                        EMAIL,
                        "CLARIBI_BOOTSTRAP_ADMIN_PASSWORD",
                        PASSWORD,
                        "CLARIBI_REDIS_URL",
                        redis.url(),
                        "CLARIBI_RATE_LIMIT_API_KEY_PER_MINUTE",
                        String.valueOf(KEY_BUDGET),
                        "CLARIBI_RATE_LIMIT_JWT_PER_MINUTE",
                        String.valueOf(JWT_BUDGET),
                        "CLARIBI_RATE_LIMIT_WINDOW",
                        "PT1H"));
        a = servers.a();
        b = servers.b();
        session = a.client().as(EMAIL, PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /**
     * Request budgets are leased ({@link Budgets#leasedBudget}): each process takes slices of the shared bucket and
     * spends them itself, so the count is no longer exact. Never more than the budget (a leased token is taken from
     * Redis before it is spent), and at least the budget less a lease per process: each process may be left holding a
     * lease (a 32nd of the budget at most: 3 of 100) when the burst ends, given back to Redis only a second later, so
     * two processes may admit 94 of 100. (Measured: 99 and 100 of 100.) The 95% of the budget required when ONE
     * process takes all the requests is {@link SharedBudgetsIntegrationTests}'s.
     */
    @Test
    void simultaneousRequestsOnTwoProcessesAdmitNoMoreThanTheSharedBudgetAndAtMostTwoLeasesLess() throws Exception {
        // A first burst on another key opens the client's connections and warms both servers up.
        burst(newKey(), 130);
        Map<Integer, Long> statuses = burst(newKey(), 130);
        System.out.printf(
                "Two processes, one Redis: %d of 130 simultaneous requests admitted for a budget of %d%n",
                statuses.getOrDefault(200, 0L), KEY_BUDGET);
        assertThat(statuses.getOrDefault(200, 0L))
                .isLessThanOrEqualTo(KEY_BUDGET)
                .isGreaterThanOrEqualTo(KEY_BUDGET - 2 * (KEY_BUDGET / LeaseSizing.CAPACITY_SHARE));
        assertThat(statuses.get(429)).isEqualTo(130 - statuses.getOrDefault(200, 0L));
    }

    /** {@code requests} simultaneous requests with {@code key}, alternately to each process; the count per status. */
    private static Map<Integer, Long> burst(String key, int requests) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<TestClient.Response>> responses = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(requests)) {
            for (int i = 0; i < requests; i++) {
                ServerProcess server = i % 2 == 0 ? a : b;
                responses.add(threads.submit(() -> {
                    start.await();
                    return server.client().get("/api/auth/status/", "X-API-Key", key);
                }));
            }
            long started = System.nanoTime();
            start.countDown();
            Map<Integer, Long> statuses = new HashMap<>();
            long admittedByA = 0;
            for (int i = 0; i < requests; i++) {
                TestClient.Response answer = responses.get(i).get();
                statuses.merge(answer.status(), 1L, Long::sum);
                if (answer.status() == 200 && i % 2 == 0) {
                    admittedByA++;
                }
                if (answer.status() == 429) {
                    assertThat(answer.error()).isEqualTo("rate_limited");
                    assertThat(answer.header("Retry-After")).isNotNull();
                }
            }
            System.out.printf(
                    "Burst of %d on one key: %d admitted by one process, %d by the other, in %d ms%n",
                    requests,
                    admittedByA,
                    statuses.getOrDefault(200, 0L) - admittedByA,
                    (System.nanoTime() - started) / 1_000_000);
            assertThat(statuses.keySet()).containsOnly(200, 429);
            return statuses;
        }
    }

    @Test
    void budgetsSetByTheirEnvironmentVariables() {
        TestClient.Response jwt = b.client().get("/api/auth/status/", "Authorization", session);
        assertThat(jwt.status()).isEqualTo(200);
        assertThat(jwt.header("X-RateLimit-Limit")).isEqualTo(String.valueOf(JWT_BUDGET));
        assertThat(jwt.header("RateLimit-Policy")).isEqualTo("\"3600s\";q=" + JWT_BUDGET + ";w=3600");
        TestClient.Response key = a.client().get("/api/auth/status/", "X-API-Key", newKey());
        assertThat(key.header("X-RateLimit-Limit")).isEqualTo(String.valueOf(KEY_BUDGET));
        assertThat(key.header("X-RateLimit-Remaining")).isEqualTo(String.valueOf(KEY_BUDGET - 1));
    }

    @Test
    void redisKilledThenServersKeepAnsweringThenShareAgainWhenBack() throws InterruptedException {
        String key = newKey();
        assertThat(remaining(a, key)).isEqualTo(KEY_BUDGET - 1);
        assertThat(remaining(b, key)).as("one budget for both processes").isEqualTo(KEY_BUDGET - 2);

        redis.stop();
        // Each process falls back to a budget of its own: both start full.
        assertThat(remaining(a, key)).isEqualTo(KEY_BUDGET - 1);
        assertThat(remaining(b, key)).isEqualTo(KEY_BUDGET - 1);
        for (int i = 0; i < 5; i++) {
            assertThat(a.client().get("/api/auth/status/", "X-API-Key", key).status())
                    .isEqualTo(200);
            assertThat(b.client()
                            .get("/api/auth/status/", "Authorization", session)
                            .status())
                    .isEqualTo(200);
        }
        a.awaitOutput(Pattern.compile("rate limits fall back to per-process budgets"), Duration.ofSeconds(5));

        redis.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            // The restarted Redis is empty: a shared bucket starts full, and the second request sees the first.
            long first = remaining(a, key);
            long second = remaining(b, key);
            if (second == first - 1 && first >= KEY_BUDGET - 2) {
                long third = remaining(a, key);
                assertThat(third).isEqualTo(second - 1);
                break;
            }
            assertThat(System.nanoTime())
                    .as("the processes share the budget again")
                    .isLessThan(deadline);
            Thread.sleep(200);
            key = newKey();
        }
        a.awaitOutput(Pattern.compile("rate limits use the shared budgets"), Duration.ofSeconds(5));
    }

    private static long remaining(ServerProcess server, String key) {
        TestClient.Response response = server.client().get("/api/auth/status/", "X-API-Key", key);
        assertThat(response.status()).isEqualTo(200);
        return Long.parseLong(response.header("X-RateLimit-Remaining"));
    }

    private static String newKey() {
        TestClient.Response created = a.client()
                .post("/api/api-keys/", Map.of("name", "shared", "scope", "read_only"), "Authorization", session);
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("key").asString();
    }
}
