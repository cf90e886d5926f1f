package com.claribi.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * Budgets in a real Redis: two stores with their own connections stand for two server processes. Exactness under
 * concurrency, the fallback to per-process budgets while Redis is down (counted in the metric), the return to the
 * shared budget without a restart, and what one check costs.
 */
class SharedBudgetsIntegrationTests {

    private static final Duration HOUR = Duration.ofHours(1);

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

        redis.stop();
        double fallbacksBefore = a.redisFallbacks();
        long started = System.nanoTime();
        Admission duringOutage = onA.take(key);
        System.out.printf("First check after Redis stopped: %.1f ms%n", (System.nanoTime() - started) / 1_000_000.0);
        assertThat(duringOutage.admitted()).isTrue();
        // Each process has its own full budget while Redis is away.
        assertThat(onA.take(key).remaining()).isEqualTo(8);
        assertThat(onB.take(key).admitted()).isTrue();
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
