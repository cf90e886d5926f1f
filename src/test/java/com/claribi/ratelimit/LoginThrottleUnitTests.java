package com.claribi.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.claribi.platform.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The throttle's bookkeeping on its in-process budgets: attempts in flight, who waits, what a refusal says. */
class LoginThrottleUnitTests {

    private static final String ADDRESS = "192.0.2.1";

    private static final LoginThrottle.Settings SETTINGS = new LoginThrottle.Settings(
            2, Duration.ofHours(1), 3, Duration.ofHours(1), 1000, Duration.ofHours(1), Duration.ofSeconds(5));

    private final LoginThrottle throttle = throttle(SETTINGS);

    @Test
    void attemptWhenBudgetHeldOnlyByAttemptsInFlightThenWaitsAndIsAdmittedWhenTheySucceed() throws Exception {
        List<LoginThrottle.Attempt> held = List.of(attempt(), attempt());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<LoginThrottle.Attempt> waiting = CompletableFuture.supplyAsync(this::attempt, threads);
            Thread.sleep(300);
            assertThat(waiting).isNotDone();
            throttle.succeeded(held.get(0));
            assertThat(waiting.get(2, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void attemptWhenAttemptsInFlightFailThenRefusedNamingTheBudget() throws Exception {
        List<LoginThrottle.Attempt> held = List.of(attempt(), attempt());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<LoginThrottle.Attempt> waiting = CompletableFuture.supplyAsync(this::attempt, threads);
            Thread.sleep(300);
            held.forEach(throttle::failed);
            assertThat(waiting)
                    .failsWithin(2, TimeUnit.SECONDS)
                    .withThrowableOfType(Exception.class)
                    .havingRootCause()
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo("rate_limited");
                        assertThat(e.detail())
                                .startsWith("Too many failed attempts for this account from this address");
                    });
        }
    }

    @Test
    void attemptWhenNothingInFlightAndBudgetSpentThenRefusedAtOnce() {
        throttle.failed(attempt());
        throttle.failed(attempt());
        long started = System.nanoTime();
        assertThatThrownBy(this::attempt).isInstanceOf(ApiException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void attemptInSessionWhenAccountBudgetSpentFromOtherAddressesThenRefusedWhateverTheAddress() {
        for (int i = 0; i < 3; i++) {
            throttle.failed(throttle.attemptInSession("a@example.com", "198.51.100." + i));
        }
        assertThatThrownBy(() -> throttle.attemptInSession("a@example.com", "203.0.113.9"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.detail()).startsWith("Too many failed attempts for this account;"));
        // A login from an address the owner signed in from is exempt from that budget alone.
        assertThat(throttle.attempt("a@example.com", "203.0.113.9", () -> true)).isNotNull();
    }

    @Test
    void correctAttemptsInParallelAreAllAdmitted() throws Exception {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 16; i++) {
                all.add(CompletableFuture.runAsync(
                        () -> {
                            LoginThrottle.Attempt attempt = attempt();
                            sleep(50); // the password check
                            throttle.succeeded(attempt);
                        },
                        threads));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void attemptWhileAnotherHoldsTokensAndReadsItsExemptionThenWaitsForItInsteadOfRefusing() throws Exception {
        LoginThrottle.Settings oneEach = new LoginThrottle.Settings(
                1, Duration.ofHours(1), 1, Duration.ofHours(1), 1000, Duration.ofHours(1), Duration.ofSeconds(5));
        LoginThrottle throttle = throttle(oneEach);
        // The account's own budget is spent by a wrong guess from elsewhere; its owner's address is exempt.
        throttle.failed(throttle.attempt("a@example.com", "198.51.100.7", () -> false));
        CountDownLatch reading = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Void> first = CompletableFuture.runAsync(
                    () -> throttle.succeeded(throttle.attempt("a@example.com", ADDRESS, () -> {
                        // Holding this address's token for the account while the exemption is read (a query).
                        reading.countDown();
                        sleep(300);
                        return true;
                    })),
                    threads);
            assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
            LoginThrottle.Attempt second = throttle.attempt("a@example.com", ADDRESS, () -> true);
            throttle.succeeded(second);
            first.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void correctAttemptsInParallelRepeatedlyAreNeverRefused() throws Exception {
        AtomicInteger refused = new AtomicInteger();
        for (int round = 0; round < 60; round++) {
            LoginThrottle throttle = throttle(SETTINGS);
            List<CompletableFuture<Void>> all = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 16; i++) {
                    all.add(CompletableFuture.runAsync(
                            () -> {
                                try {
                                    LoginThrottle.Attempt attempt =
                                            throttle.attempt("a@example.com", ADDRESS, () -> false);
                                    sleep(5);
                                    throttle.succeeded(attempt);
                                } catch (ApiException e) {
                                    refused.incrementAndGet();
                                }
                            },
                            threads));
                }
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(refused).as("correct attempts refused in 960").hasValue(0);
    }

    private static LoginThrottle throttle(LoginThrottle.Settings settings) {
        return new LoginThrottle(
                settings,
                new Budgets(
                        new RateLimitProperties(
                                1000,
                                100,
                                300,
                                100,
                                Duration.ofMinutes(1),
                                null,
                                settings,
                                new PasswordResetThrottle.Settings(10, Duration.ofHours(1), 3, Duration.ofHours(1))),
                        new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class)));
    }

    private LoginThrottle.Attempt attempt() {
        return throttle.attempt("a@example.com", ADDRESS, () -> false);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
