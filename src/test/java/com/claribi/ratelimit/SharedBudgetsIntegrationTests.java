package com.claribi.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.TestRedis;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * Budgets in a real Redis: two stores with their own connections stand for two server processes. Exactness under
 * concurrency, the fallback to per-process budgets while Redis is down (counted in the metric), the return to the
 * shared budget without a restart, and what one check costs. Leased budgets ({@link Budgets#leasedBudget}): never more
 * than the budget across processes, at least 95% of it when one process takes it all, and fewer than one round trip to
 * Redis per 20 requests at steady load; each prints its figures.
 */
class SharedBudgetsIntegrationTests {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);
    private static final int LEASED_BUDGET = 2000;

    private static TestRedis redis;
    private static SimpleMeterRegistry meters;
    private static Budgets a;
    private static Budgets b;

    @BeforeAll
    static void redisAndTwoStores() {
        redis = new TestRedis();
        meters = new SimpleMeterRegistry();
        a = store(redis.url());
        b = store(redis.url());
        assertThat(a.shared()).isTrue();
        assertThat(b.shared()).isTrue();
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        redis.close();
    }

    @Test
    void twoStoresOnOneRedisAdmitExactlyTheBudgetUnderConcurrency() throws Exception {
        String key = UUID.randomUUID().toString();
        Budget onA = a.budget("exact", 100, HOUR);
        Budget onB = b.budget("exact", 100, HOUR);
        int admitted = concurrently(130, i -> (i % 2 == 0 ? onA : onB).take(key).admitted());
        assertThat(admitted).isEqualTo(100);
        assertThat(onA.take(key).admitted()).isFalse();
        assertThat(onB.take(key).remaining()).isZero();
    }

    /**
     * The throttles of credential checks keep an exact budget: every attempt asks Redis (no lease, even under load),
     * and a token given back after a correct password is back for every process at once.
     */
    @Test
    void exactBudgetAsksRedisForEveryTokenAndATokenGivenBackIsBackForEveryProcess() {
        String key = UUID.randomUUID().toString();
        Budget onA = a.budget("exact-give-back", 1000, HOUR);
        Budget onB = b.budget("exact-give-back", 1000, HOUR);
        double before = roundTrips("exact-give-back");
        for (int i = 0; i < 50; i++) {
            assertThat(onA.take(key).admitted()).isTrue();
        }
        assertThat(roundTrips("exact-give-back") - before).isEqualTo(50);
        Admission attempt = onA.take(key);
        assertThat(attempt.remaining()).isEqualTo(949);
        attempt.giveBack();
        assertThat(onB.take(key).remaining()).isEqualTo(949);
    }

    /**
     * The leased version of the test above. Exactness is given up: a process may still hold leased tokens when the
     * other one runs out (until its lease expires and gives them back). So: never more than the budget (leased tokens
     * are taken from Redis before they are spent), and at least 95% of it.
     */
    @Test
    void twoStoresLeasingFromOneRedisAdmitNoMoreThanTheBudgetAndAllButWhatTheirLastLeasesHold() throws Exception {
        String key = UUID.randomUUID().toString();
        Budget onA = a.leasedBudget("leased-two", LEASED_BUDGET, DAY);
        Budget onB = b.leasedBudget("leased-two", LEASED_BUDGET, DAY);
        AtomicInteger onAAdmitted = new AtomicInteger();
        double roundTripsBefore = roundTrips("leased-two");
        int admitted = underLoad(32, LEASED_BUDGET * 3 / 2, i -> {
            boolean yes = (i % 2 == 0 ? onA : onB).take(key).admitted();
            if (yes && i % 2 == 0) {
                onAAdmitted.incrementAndGet();
            }
            return yes;
        });
        double roundTrips = roundTrips("leased-two") - roundTripsBefore;
        System.out.printf(
                "Leased, two stores, 32 threads: %d of a budget of %d admitted (%.1f%%; %d on one store, %d on the"
                        + " other), %d requests, %.0f round trips to Redis%n",
                admitted,
                LEASED_BUDGET,
                100.0 * admitted / LEASED_BUDGET,
                onAAdmitted.get(),
                admitted - onAAdmitted.get(),
                LEASED_BUDGET * 3 / 2,
                roundTrips);
        // Each store may be left holding its last lease when the requests stop (at most a 32nd of the budget plus a
        // quarter of the lease before it): those tokens are taken but not spent, so they are never admitted here.
        long leftInLeases = 2 * (LEASED_BUDGET / LeaseSizing.CAPACITY_SHARE) * 5 / 4;
        assertThat(admitted).isLessThanOrEqualTo(LEASED_BUDGET).isGreaterThanOrEqualTo((int)
                (LEASED_BUDGET - leftInLeases));
        Admission refused = onA.take(key);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.remaining()).isZero();
        // One token a day / 2000 = every 43.2 s.
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 44L);
    }

    /**
     * A store that stops using a key holds its lease no longer than a lease's lifetime (and Caffeine's scheduler's
     * tolerance, about a second): then what the lease held is given back to Redis, and the other store gets it.
     */
    @Test
    void storeStopsUsingAKeyThenWhatItsLeaseHeldIsGivenBackAndTheOtherStoreGetsIt() throws Exception {
        String key = UUID.randomUUID().toString();
        Budget onA = a.leasedBudget("leased-idle", LEASED_BUDGET, DAY);
        Budget onB = b.leasedBudget("leased-idle", LEASED_BUDGET, DAY);
        double returnedBefore = returned("leased-idle");
        int first = underLoad(8, LEASED_BUDGET / 2, i -> onA.take(key).admitted());
        long stopped = System.nanoTime();
        long deadline = stopped + Duration.ofSeconds(10).toNanos();
        // Counted once Redis has taken them back.
        while (returned("leased-idle") == returnedBefore && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double given = returned("leased-idle") - returnedBefore;
        long after = System.nanoTime() - stopped;
        assertThat(given).as("what the lease held, given back").isPositive();
        // What Redis holds: all that A did not admit, less what its lease kept back for the refill (a token or two).
        long inRedis;
        try (RedisFigures figures = new RedisFigures()) {
            while ((inRedis = figures.available(onA, key)) < LEASED_BUDGET - first - LEASED_BUDGET / 100
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        int second = underLoad(8, LEASED_BUDGET, i -> onB.take(key).admitted());
        int lost = LEASED_BUDGET - first - second;
        System.out.printf(
                "Leased, one store stops using a key: %d admitted there, %.0f leased tokens given back %d ms after it"
                        + " stopped, %d in Redis then, %d admitted on the other store; %d of %d lost%n",
                first, given, after / 1_000_000, inRedis, second, lost, LEASED_BUDGET);
        assertThat(first).isEqualTo(LEASED_BUDGET / 2);
        assertThat(inRedis).isGreaterThanOrEqualTo(LEASED_BUDGET - first - LEASED_BUDGET / 100);
        assertThat(lost).isBetween(0, LEASED_BUDGET / 100);
    }

    /**
     * A store that keeps using a key slowly holds each lease past its lifetime: what is left of it is given back by a
     * later request of that store (the key is never idle long enough to be forgotten), while the other store drains
     * the key from many threads and takes what comes back. Together they never admit more than the budget (plus what
     * it refills over the test: nothing, it is a day's).
     */
    @Test
    void storeUsingAKeySlowlyGivesBackExpiredLeasesWhileAnotherDrainsItAndTogetherTheyAdmitNoMoreThanTheBudget()
            throws Exception {
        String key = UUID.randomUUID().toString();
        Budget onA = a.leasedBudget("leased-slow", LEASED_BUDGET, DAY);
        Budget onB = b.leasedBudget("leased-slow", LEASED_BUDGET, DAY);
        double returnedBefore = returned("leased-slow");
        AtomicInteger onAAdmitted = new AtomicInteger();
        AtomicInteger onBAdmitted = new AtomicInteger();
        AtomicBoolean slowDone = new AtomicBoolean();
        CountDownLatch leased = new CountDownLatch(1);
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(17)) {
            Future<?> slow = pool.submit(() -> {
                try {
                    for (int round = 0; round < 3; round++) {
                        // A burst: the store's recent demand earns it leases ...
                        for (int i = 0; i < 40; i++) {
                            if (onA.take(key).admitted()) {
                                onAAdmitted.incrementAndGet();
                            }
                        }
                        leased.countDown();
                        // ... then a request every 400 ms, so the key is never forgotten: what the lease has left
                        // (even one fetched at the first) is over a second old by the fifth, which gives it back.
                        for (int i = 0; i < 5; i++) {
                            Thread.sleep(400);
                            if (onA.take(key).admitted()) {
                                onAAdmitted.incrementAndGet();
                            }
                        }
                    }
                } finally {
                    leased.countDown();
                    slowDone.set(true);
                }
                return null;
            });
            leased.await();
            List<Future<?>> drains = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                drains.add(pool.submit(() -> {
                    while (!slowDone.get()) {
                        if (onB.take(key).admitted()) {
                            onBAdmitted.incrementAndGet();
                        } else {
                            Thread.sleep(5);
                        }
                    }
                    return null;
                }));
            }
            slow.get();
            for (Future<?> drain : drains) {
                drain.get();
            }
        }
        long elapsed = System.nanoTime() - started;
        double given = returned("leased-slow") - returnedBefore;
        int admitted = onAAdmitted.get() + onBAdmitted.get();
        long refill = (long) ((double) elapsed / DAY.toNanos() * LEASED_BUDGET);
        System.out.printf(
                "Leased, one store slow, the other draining: %d of a budget of %d admitted (%d on the slow store, %d on"
                        + " the other) in %d ms, %.0f leased tokens given back%n",
                admitted, LEASED_BUDGET, onAAdmitted.get(), onBAdmitted.get(), elapsed / 1_000_000, given);
        assertThat(given).as("leases that expired in use, given back").isPositive();
        assertThat((long) admitted).isLessThanOrEqualTo(LEASED_BUDGET + refill);
    }

    @Test
    void oneStoreLeasingUnderManyThreadsAdmitsAtLeast95PercentOfTheBudgetAndNeverMore() throws Exception {
        String key = UUID.randomUUID().toString();
        Budget budget = a.leasedBudget("leased-one", LEASED_BUDGET, DAY);
        double roundTripsBefore = roundTrips("leased-one");
        int admitted =
                underLoad(64, LEASED_BUDGET * 3 / 2, i -> budget.take(key).admitted());
        double roundTrips = roundTrips("leased-one") - roundTripsBefore;
        System.out.printf(
                "Leased, one store, 64 threads: %d of a budget of %d admitted (%.1f%%, %d not), %d"
                        + " requests, %.0f round trips to Redis%n",
                admitted,
                LEASED_BUDGET,
                100.0 * admitted / LEASED_BUDGET,
                LEASED_BUDGET - admitted,
                LEASED_BUDGET * 3 / 2,
                roundTrips);
        assertThat(admitted).isLessThanOrEqualTo(LEASED_BUDGET).isGreaterThanOrEqualTo(LEASED_BUDGET * 95 / 100);
        Admission refused = budget.take(key);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 44L);
    }

    @Test
    void leasedBudgetAtSteadyLoadThenFewerThanOneRoundTripToRedisPer20Requests() throws Exception {
        String key = UUID.randomUUID().toString();
        Budget budget = a.leasedBudget("leased-steady", 1_000_000, Duration.ofMinutes(1));
        int requests = 10_000;
        double roundTripsBefore = roundTrips("leased-steady");
        double returnedBefore = returned("leased-steady");
        long started = System.nanoTime();
        int admitted = underLoad(8, requests, i -> budget.take(key).admitted());
        long elapsed = System.nanoTime() - started;
        double roundTrips = roundTrips("leased-steady") - roundTripsBefore;
        Admission last = budget.take(key);
        long waited = budget.waitedOnRedis();
        System.out.printf(
                "Leased, steady load, 8 threads: %d requests on a budget of 1,000,000/min in %.0f ms, %.0f round trips"
                        + " to Redis (%.4f per request), %d requests waited on Redis, %.0f leased tokens given back"
                        + " so far; remaining figure after them: %d%n",
                requests,
                elapsed / 1e6,
                roundTrips,
                roundTrips / requests,
                waited,
                returned("leased-steady") - returnedBefore,
                last.remaining());
        assertThat(admitted).isEqualTo(requests);
        assertThat(roundTrips).isLessThan(requests / 20.0);
        assertThat(waited).isLessThan(requests / 20);
        // Redis's figure at the last lease plus what the lease holds: with one process, what is left (refilled since).
        assertThat(last.remaining()).isBetween(1_000_000L - requests - 1, 1_000_000L);
        assertThat(a.shared()).isTrue();
    }

    @Test
    void oneStoreUnderManyThreadsAdmitsExactlyTheBudget() throws Exception {
        Budgets local = new Budgets(settings(null), provider());
        String key = UUID.randomUUID().toString();
        Budget budget = local.budget("exact-local", 100, HOUR);
        assertThat(concurrently(130, i -> budget.take(key).admitted())).isEqualTo(100);
    }

    @Test
    void redisStoppedThenProcessBudgetsAndCountedThenSharedAgainWhenBack() throws Exception {
        String key = UUID.randomUUID().toString();
        Budget onA = a.budget("outage", 10, HOUR);
        Budget onB = b.budget("outage", 10, HOUR);
        assertThat(onA.take(key).remaining()).isEqualTo(9);
        assertThat(onB.take(key).remaining()).isEqualTo(8);
        Budget leased = a.leasedBudget("outage-leased", 1000, HOUR);
        for (int i = 0; i < 100; i++) {
            assertThat(leased.take(key).admitted()).isTrue();
        }

        redis.stop();
        double fallbacksBefore = a.redisFallbacks();
        long started = System.nanoTime();
        Admission duringOutage = onA.take(key);
        System.out.printf("First check after Redis stopped: %.1f ms%n", (System.nanoTime() - started) / 1_000_000.0);
        assertThat(duringOutage.admitted()).isTrue();
        // Each process has its own full budget while Redis is away.
        assertThat(onA.take(key).remaining()).isEqualTo(8);
        assertThat(onB.take(key).admitted()).isTrue();
        assertThat(leased.take(key).remaining())
                .as("a leased budget falls back the same way, to a full budget of its own")
                .isEqualTo(999);
        assertThat(a.shared()).isFalse();
        assertThat(a.redisFallbacks()).isGreaterThanOrEqualTo(fallbacksBefore + 2);
        assertThat(meters.get(SharedBudgets.FALLBACK_METRIC).counter().count()).isPositive();

        redis.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!(a.shared() && b.shared()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(a.shared()).as("back on the shared budget without a restart").isTrue();
        assertThat(b.shared()).isTrue();
        // The restarted Redis has no state: the shared bucket starts full and both stores draw from it again.
        assertThat(onA.take(key).remaining()).isEqualTo(9);
        assertThat(onB.take(key).remaining()).isEqualTo(8);
        assertThat(onA.take(key).remaining()).isEqualTo(7);
        // The leased budget asks Redis again once what it leased before the outage is spent or expired.
        double roundTrips = roundTrips("outage-leased");
        long until = System.nanoTime() + 2 * LeaseSizing.LIFETIME.toNanos();
        while (roundTrips("outage-leased") == roundTrips && System.nanoTime() < until) {
            assertThat(leased.take(key).admitted()).isTrue();
        }
        assertThat(roundTrips("outage-leased")).isGreaterThan(roundTrips);
    }

    @Test
    void costOfOneCheckInProcessAndInRedis() {
        Budgets local = new Budgets(settings(null), provider());
        Budget inProcess = local.budget("cost", 1_000_000_000, Duration.ofMinutes(1));
        Budget shared = a.budget("cost", 1_000_000_000, Duration.ofMinutes(1));
        assertThat(shared.take("warm").admitted()).isTrue();
        double localNanos = nanosPerCheck(inProcess, 2_000_000);
        double redisNanos = nanosPerCheck(shared, 20_000);
        System.out.printf(
                "Cost of one budget check (warm key, one thread): in-process %.0f ns, Redis on loopback %.1f us%n",
                localNanos, redisNanos / 1000);
        assertThat(a.shared()).isTrue();
    }

    private static double nanosPerCheck(Budget budget, int checks) {
        for (int i = 0; i < checks / 2; i++) {
            budget.take("warm");
        }
        long start = System.nanoTime();
        int admitted = 0;
        for (int i = 0; i < checks; i++) {
            if (budget.take("warm").admitted()) {
                admitted++;
            }
        }
        long elapsed = System.nanoTime() - start;
        assertThat(admitted).isEqualTo(checks);
        return (double) elapsed / checks;
    }

    private interface Check {
        boolean admitted(int i) throws Exception;
    }

    private static int concurrently(int requests, Check check) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(requests)) {
            for (int i = 0; i < requests; i++) {
                int n = i;
                results.add(threads.submit(() -> {
                    start.await();
                    return check.admitted(n);
                }));
            }
            start.countDown();
            int admitted = 0;
            for (Future<Boolean> result : results) {
                if (result.get()) {
                    admitted++;
                }
            }
            return admitted;
        }
    }

    /** {@code requests} checks spread over {@code threads} threads that start together; the number admitted. */
    private static int underLoad(int threads, int requests, Check check) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger admitted = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        if (check.admitted(i)) {
                            admitted.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        return admitted.get();
    }

    private static double roundTrips(String budget) {
        return meters.get(Budgets.REDIS_REQUESTS_METRIC)
                .tag("budget", budget)
                .counter()
                .count();
    }

    private static double returned(String budget) {
        return meters.get(Budgets.LEASE_RETURNED_METRIC)
                .tag("budget", budget)
                .counter()
                .count();
    }

    /** The shared buckets as Redis holds them, read on a connection of the test's own without taking a token. */
    private static final class RedisFigures implements AutoCloseable {

        private final RedisClient client = RedisClient.create(redis.url());
        private final StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        private final ProxyManager<byte[]> buckets =
                Bucket4jLettuce.casBasedBuilder(connection).build();

        long available(Budget budget, String key) {
            return buckets.builder()
                    .build(Budget.redisKey(budget.sharedKey(key)), budget::configuration)
                    .getAvailableTokens();
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }

    private static RateLimitProperties settings(@org.jspecify.annotations.Nullable String redisUrl) {
        java.time.Duration fiveMinutes = java.time.Duration.ofMinutes(5);
        return new RateLimitProperties(
                1000,
                100,
                300,
                100,
                java.time.Duration.ofMinutes(1),
                redisUrl,
                new LoginThrottle.Settings(
                        5, fiveMinutes, 20, fiveMinutes, 100, fiveMinutes, java.time.Duration.ofSeconds(10)),
                new PasswordResetThrottle.Settings(
                        10, java.time.Duration.ofHours(1), 3, java.time.Duration.ofHours(1)));
    }

    private static Budgets store(String url) {
        return new Budgets(settings(url), provider());
    }

    private static org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry>
            provider() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("meters", meters);
        return beans.getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class);
    }
}
