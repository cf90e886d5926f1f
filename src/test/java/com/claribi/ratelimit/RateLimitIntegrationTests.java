package com.claribi.ratelimit;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The request budgets of the contract ("Rate limits"), with small budgets so that a test can spend them. */
@TestPropertySource(
        properties = {
            "claribi.rate-limit.jwt-per-minute=20",
            "claribi.rate-limit.api-key-per-minute=5",
            "claribi.rate-limit.address-per-minute=3",
            // The per-address budget is tested with addresses named by X-Forwarded-For from a trusted proxy.
            "claribi.trusted-proxies=127.0.0.1/32, ::1/128"
        })
class RateLimitIntegrationTests extends ServerIntegrationTest {

    private static final int JWT_BUDGET = 20;
    private static final int KEY_BUDGET = 5;
    private static final int ADDRESS_BUDGET = 3;
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @Test
    void headersCountDownToZeroThenRateLimited() {
        String session = session();
        for (int i = 1; i <= JWT_BUDGET; i++) {
            TestClient.Response response = api.get("/api/auth/status/", "Authorization", session);
            assertThat(response.status()).isEqualTo(200);
            long remaining = JWT_BUDGET - i;
            assertThat(response.header("X-RateLimit-Limit")).isEqualTo(String.valueOf(JWT_BUDGET));
            // A token refills every 3 s: a slow machine may see one back during the burst.
            long actual = Long.parseLong(response.header("X-RateLimit-Remaining"));
            assertThat(actual).isBetween(remaining, remaining + 1);
            long reset = Long.parseLong(response.header("X-RateLimit-Reset"));
            // The budget is full again after 3 s per missing token, rounded up to whole seconds.
            assertThat(reset).isBetween((JWT_BUDGET - actual) * 3 - 1, (JWT_BUDGET - actual) * 3 + 1);
            assertThat(response.header("RateLimit-Policy")).isEqualTo("\"minute\";q=" + JWT_BUDGET + ";w=60");
            assertThat(response.header("RateLimit")).isEqualTo("\"minute\";r=" + actual + ";t=" + reset);
        }
        TestClient.Response refused = spend(session);
        assertThat(refused.error()).isEqualTo("rate_limited");
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo(String.valueOf(JWT_BUDGET));
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(refused.header("X-RateLimit-Reset"))).isBetween(55L, 60L);
        assertThat(refused.header("RateLimit")).startsWith("\"minute\";r=0;t=");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3L);
    }

    @Test
    void retryAfterWaitedOutThenAdmitted() throws InterruptedException {
        String session = session();
        TestClient.Response refused = spend(session);
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isPositive();
        Thread.sleep(retryAfter * 1000);
        TestClient.Response admitted = api.get("/api/auth/status/", "Authorization", session);
        assertThat(admitted.status()).isEqualTo(200);
        assertThat(admitted.header("X-RateLimit-Remaining")).isEqualTo("0");
    }

    @Test
    void everySessionOfOneUserSharesOneBudget() {
        Account account = newUser(Role.VIEWER);
        String first = api.as(account);
        String second = api.as(account);
        for (int i = 0; i < JWT_BUDGET; i++) {
            String session = i % 2 == 0 ? first : second;
            assertThat(api.get("/api/auth/status/", "Authorization", session).status())
                    .isEqualTo(200);
        }
        assertThat(api.get("/api/auth/status/", "Authorization", first).status())
                .isEqualTo(429);
        assertThat(api.get("/api/auth/status/", "Authorization", second).status())
                .isEqualTo(429);
        String otherUser = session();
        assertThat(api.get("/api/auth/status/", "Authorization", otherUser).status())
                .isEqualTo(200);
    }

    @Test
    void apiKeyBudgetSeparateFromUsersJwtBudget() {
        String session = session();
        String key = apiKey(session);
        String otherKey = apiKey(session);
        for (int i = 1; i <= KEY_BUDGET; i++) {
            TestClient.Response response = api.get("/api/auth/status/", "X-API-Key", key);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-RateLimit-Limit")).isEqualTo(String.valueOf(KEY_BUDGET));
            assertThat(response.header("RateLimit-Policy")).isEqualTo("\"minute\";q=" + KEY_BUDGET + ";w=60");
        }
        TestClient.Response refused = api.get("/api/auth/status/", "X-API-Key", key);
        assertThat(refused).isError(429, "rate_limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 12L);

        assertThat(api.get("/api/auth/status/", "X-API-Key", otherKey).status())
                .as("another key of the same user")
                .isEqualTo(200);
        TestClient.Response jwt = api.get("/api/auth/status/", "Authorization", session);
        assertThat(jwt.status()).as("the user's own session").isEqualTo(200);
        assertThat(jwt.header("X-RateLimit-Limit")).isEqualTo(String.valueOf(JWT_BUDGET));
        // The session created two keys and made this request: the key's 6 requests took nothing from it.
        assertThat(Long.parseLong(jwt.header("X-RateLimit-Remaining"))).isGreaterThanOrEqualTo(JWT_BUDGET - 3);
    }

    @Test
    void loginAndRefreshFromOneAddressBeyondItsBudgetThenRateLimited() {
        Account account = newUser(Role.VIEWER);
        String address = anotherAddress();
        Map<String, String> tokens = login(account, address);
        TestClient.Response refreshed = api.post(
                "/api/auth/token/refresh/", Map.of("refresh", tokens.get("refresh")), "X-Forwarded-For", address);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.header("X-RateLimit-Limit")).isEqualTo(String.valueOf(ADDRESS_BUDGET));
        assertThat(refreshed.header("X-RateLimit-Remaining")).isEqualTo(String.valueOf(ADDRESS_BUDGET - 2));
        login(account, address);

        TestClient.Response refused = api.post(
                "/api/auth/login/",
                Map.of("email", account.email(), "password", account.password()),
                "X-Forwarded-For",
                address);
        assertThat(refused).isError(429, "rate_limited");
        assertThat(refused.header("Retry-After")).isNotNull();
        TestClient.Response refresh = api.post(
                "/api/auth/token/refresh/", Map.of("refresh", tokens.get("refresh")), "X-Forwarded-For", address);
        assertThat(refresh.status()).isEqualTo(429);

        assertThat(login(account, anotherAddress())).containsKey("access");
        assertThat(api.get("/api/health/", "X-Forwarded-For", address).status())
                .as("health needs no budget")
                .isEqualTo(200);
    }

    private Map<String, String> login(Account account, String address) {
        TestClient.Response response = api.post(
                "/api/auth/login/",
                Map.of("email", account.email(), "password", account.password()),
                "X-Forwarded-For",
                address);
        assertThat(response.status()).isEqualTo(200);
        return Map.of(
                "access", response.json().path("access").asString(),
                "refresh", response.json().path("refresh").asString());
    }

    /** Each login from its own address, so that only the test of the per-address budget spends one. */
    private static String anotherAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    /** Spends the session's budget and returns the first refusal. */
    private TestClient.Response spend(String session) {
        for (int i = 0; i < JWT_BUDGET * 2; i++) {
            TestClient.Response response = api.get("/api/auth/status/", "Authorization", session);
            if (response.status() == 429) {
                return response;
            }
            assertThat(response.status()).isEqualTo(200);
        }
        throw new AssertionError("never refused");
    }

    @Test
    void serviceAccountKeysEachHaveTheirOwnBudget() {
        String session = session();
        TestClient.Response account = api.post(
                "/api/service-accounts/", Map.of("name", "budgeted", "role", "viewer"), "Authorization", session);
        assertThat(account.status()).isEqualTo(201);
        String keys = "/api/service-accounts/" + account.json().path("id").asLong() + "/api-keys/";
        String key = api.post(keys, Map.of("name", "one", "scope", "read_only"), "Authorization", session)
                .json()
                .path("key")
                .asString();
        String otherKey = api.post(keys, Map.of("name", "two", "scope", "read_only"), "Authorization", session)
                .json()
                .path("key")
                .asString();
        for (int i = 1; i <= KEY_BUDGET; i++) {
            TestClient.Response response = api.get("/api/auth/status/", "X-API-Key", key);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-RateLimit-Limit")).isEqualTo(String.valueOf(KEY_BUDGET));
        }
        assertThat(api.get("/api/auth/status/", "X-API-Key", key)).isError(429, "rate_limited");
        assertThat(api.get("/api/auth/status/", "X-API-Key", otherKey).status())
                .as("another key of the same service account")
                .isEqualTo(200);
    }

    private String session() {
        Account account = newUser(Role.ADMINISTRATOR);
        return TestClient.bearer(login(account, anotherAddress()).get("access"));
    }

    private String apiKey(String session) {
        TestClient.Response created =
                api.post("/api/api-keys/", Map.of("name", "budget", "scope", "read_only"), "Authorization", session);
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("key").asString();
    }
}
