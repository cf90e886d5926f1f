package com.claribi.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One client shared by many threads: every request succeeds, and a stale or refused token is renewed once. */
@ExtendWith(TestServer.Extension.class)
class ConcurrencyTests {

    private static final int THREADS = 24;
    private static final int REQUESTS_PER_THREAD = 5;

    private final TestServer server;

    ConcurrencyTests(TestServer server) {
        this.server = server;
    }

    @Test
    void manyThreadsFindingTheTokenAboutToExpireRefreshItOnce() throws Exception {
        Counts counts = new Counts();
        FixedClock clock = new FixedClock();
        try (ClaribiClient client = server.builder()
                .credentials(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD)
                .clock(clock)
                .listener(counts)
                .build()) {
            client.auth().status();
            Instant expiry =
                    SessionCredentials.expiry(SessionClientTests.session(client).access());
            TestServer.sleep(Duration.ofMillis(1100));
            clock.set(expiry.minusSeconds(60));

            assertEquals(THREADS * REQUESTS_PER_THREAD, inParallel(client));
            assertEquals(1, counts.refreshes.get());
            assertEquals(1, counts.signIns.get());
        }
    }

    @Test
    void manyThreadsRefusedWithA401RefreshOnce() throws Exception {
        Counts counts = new Counts();
        try (ClaribiClient client = server.builder()
                .credentials(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD)
                .listener(counts)
                .build()) {
            client.auth().status();
            SessionClientTests.session(client).useAccessToken("refused-by-the-server");

            assertEquals(THREADS * REQUESTS_PER_THREAD, inParallel(client));
            assertEquals(1, counts.refreshes.get());
            assertEquals(1, counts.signIns.get());
            assertTrue(counts.responses.stream().anyMatch(response -> response.endsWith(" 401")));
        }
    }

    @Test
    void manyThreadsSignInOnce() throws Exception {
        Counts counts = new Counts();
        try (ClaribiClient client = server.builder()
                .credentials(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD)
                .listener(counts)
                .build()) {
            assertEquals(THREADS * REQUESTS_PER_THREAD, inParallel(client));
            assertEquals(1, counts.signIns.get());
        }
    }

    /** Every thread starts at once and sends its requests; returns how many succeeded (a failure fails the test). */
    private static int inParallel(ClaribiClient client) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(threads.submit(() -> {
                    start.await();
                    int done = 0;
                    for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
                        if (client.auth().status().user() != null) {
                            done++;
                        }
                    }
                    return done;
                }));
            }
            int done = 0;
            for (Future<Integer> result : results) {
                done += result.get();
            }
            return done;
        }
    }
}
