package com.claribi.token;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Failed logins are throttled per account and address, with an honest Retry-After and no lasting lock-out. */
@TestPropertySource(
        properties = {
            "claribi.login-throttle.per-account-and-address=3",
            "claribi.login-throttle.per-account-and-address-period=PT6S",
            "claribi.login-throttle.per-account=1000",
        })
class LoginThrottleIntegrationTests extends ServerIntegrationTest {

    @Test
    void loginWhenTooManyFailuresThenRateLimitedWithRetryAfter() {
        Account account = newUser(Role.VIEWER);
        for (int i = 0; i < 3; i++) {
            assertThat(fail(account).status()).isEqualTo(401);
        }
        TestClient.Response throttled = fail(account);
        assertThat(throttled).isError(429, "rate_limited");
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 6);
        // Throttled even with the right password: the budget is checked before any password.
        TestClient.Response right =
                api.post("/api/auth/login/", Map.of("email", account.email(), "password", account.password()));
        assertThat(right.status()).isEqualTo(429);
    }

    @Test
    void loginWhenRetryAfterWaitedOutThenAdmitted() throws InterruptedException {
        Account account = newUser(Role.VIEWER);
        for (int i = 0; i < 3; i++) {
            fail(account);
        }
        TestClient.Response throttled = fail(account);
        assertThat(throttled.status()).isEqualTo(429);
        Thread.sleep(Integer.parseInt(throttled.header("Retry-After")) * 1000L);
        TestClient.Response after =
                api.post("/api/auth/login/", Map.of("email", account.email(), "password", account.password()));
        assertThat(after.status()).isEqualTo(200);
    }

    @Test
    void loginWhenOtherAccountThrottledThenThisAccountUnaffected() {
        Account attacked = newUser(Role.VIEWER);
        Account other = newUser(Role.VIEWER);
        for (int i = 0; i < 4; i++) {
            fail(attacked);
        }
        assertThat(api.post("/api/auth/login/", Map.of("email", other.email(), "password", other.password()))
                        .status())
                .isEqualTo(200);
    }

    private TestClient.Response fail(Account account) {
        return api.post(
                "/api/auth/login/", Map.of("email", account.email(), "password", "wrong " + account.password()));
    }
}
