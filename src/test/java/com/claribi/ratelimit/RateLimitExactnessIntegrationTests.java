package com.claribi.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Exact admission in one process under many threads. The window is an hour, so no token refills while the requests
 * run (one would every 36 s) and the count must be exactly the budget.
 */
@TestPropertySource(properties = {"claribi.rate-limit.jwt-per-minute=100", "claribi.rate-limit.window=PT1H"})
class RateLimitExactnessIntegrationTests extends ServerIntegrationTest {

    private static final int BUDGET = 100;
    private static final int REQUESTS = 130;

    @Test
    void simultaneousRequestsOverBudgetAdmitExactlyTheBudget() throws Exception {
        Account account = newUser(Role.VIEWER);
        String session = api.as(account);
        List<Integer> statuses = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(REQUESTS)) {
            List<Future<TestClient.Response>> responses = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                responses.add(threads.submit(() -> {
                    start.await();
                    return api.get("/api/auth/status/", "Authorization", session);
                }));
            }
            start.countDown();
            for (Future<TestClient.Response> response : responses) {
                TestClient.Response answer = response.get();
                statuses.add(answer.status());
                if (answer.status() == 429) {
                    assertThat(answer.error()).isEqualTo("rate_limited");
                    assertThat(Long.parseLong(answer.header("Retry-After"))).isBetween(1L, 36L);
                    assertThat(answer.header("X-RateLimit-Remaining")).isEqualTo("0");
                }
            }
        }
        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(BUDGET);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(REQUESTS - BUDGET);
    }
}
