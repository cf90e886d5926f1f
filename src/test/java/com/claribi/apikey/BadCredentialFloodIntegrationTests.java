package com.claribi.apikey;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.BehindTrustedProxy;
import com.claribi.support.ProxiedClient;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A flood of made-up credentials from one address spends that address's budget of bad credentials (20 here, with an
 * hour's window so none refills during a test): then it gets 429 with Retry-After before any lookup, while other
 * addresses, and good credentials, are not affected. Clients are told apart by the address a trusted proxy forwards.
 */
@BehindTrustedProxy
class BadCredentialFloodIntegrationTests extends ServerIntegrationTest {

    private ProxiedClient proxy;
    private String session;

    @BeforeEach
    void signIn() {
        proxy = new ProxiedClient(port);
        Account owner = newUser(Role.ADMINISTRATOR);
        session = proxy.signIn(owner.email(), owner.password(), "203.0.113.1");
    }

    @Test
    void unknownKeysFromOneAddressThenUnauthorizedUntilTheBudgetIsSpentThenRateLimitedWithRetryAfter() {
        String flooder = "198.51.100.31";
        for (int i = 0; i < 20; i++) {
            TestClient.Response response =
                    proxy.get("/api/auth/status/", flooder, "X-API-Key", ApiKeySecret.generate());
            assertThat(response).as("attempt " + i).isError(401, "invalid_api_key");
        }
        for (int i = 0; i < 50; i++) {
            TestClient.Response response =
                    proxy.get("/api/auth/status/", flooder, "X-API-Key", ApiKeySecret.generate());
            assertThat(response).isError(429, "rate_limited");
            assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
        }
        // The same address's port or IPv4-mapped form is the same address.
        assertThat(proxy.get("/api/auth/status/", flooder + ":4444", "X-API-Key", ApiKeySecret.generate())
                        .status())
                .isEqualTo(429);
        assertThat(proxy.get("/api/auth/status/", "[::ffff:" + flooder + "]:80", "X-API-Key", "claribi_sk_live_x")
                        .status())
                .isEqualTo(429);
    }

    @Test
    void floodFromOneAddressThenALegitimateKeyFromAnotherKeepsWorking() {
        String secret = newKey();
        String flooder = "198.51.100.32";
        for (int i = 0; i < 40; i++) {
            proxy.get("/api/auth/status/", flooder, "X-API-Key", ApiKeySecret.generate());
        }
        assertThat(proxy.get("/api/auth/status/", flooder, "X-API-Key", ApiKeySecret.generate())
                        .status())
                .isEqualTo(429);

        TestClient.Response legitimate = proxy.get("/api/auth/status/", "203.0.113.32", "X-API-Key", secret);

        assertThat(legitimate.status()).as(legitimate.text()).isEqualTo(200);
    }

    @Test
    void badTokensFromOneAddressThenRateLimitedToo() {
        String flooder = "2001:db8:32::1";
        for (int i = 0; i < 20; i++) {
            assertThat(proxy.get("/api/auth/status/", flooder, "Authorization", "Bearer not.a.token" + i)
                            .status())
                    .isEqualTo(401);
        }
        TestClient.Response refused = proxy.get("/api/auth/status/", flooder, "Authorization", "Bearer not.a.token");
        assertThat(refused).isError(429, "rate_limited");
        // IPv6 clients are counted per /64: another address of the same /64 is the same client.
        assertThat(proxy.get("/api/auth/status/", "2001:db8:32::2", "X-API-Key", ApiKeySecret.generate())
                        .status())
                .isEqualTo(429);
    }

    @Test
    void goodCredentialsNeverSpendTheBudget() {
        String secret = newKey();
        String client = "198.51.100.33";
        for (int i = 0; i < 60; i++) {
            assertThat(proxy.get("/api/auth/status/", client, "X-API-Key", secret)
                            .status())
                    .isEqualTo(200);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(proxy.get("/api/auth/status/", client, "X-API-Key", ApiKeySecret.generate())
                            .status())
                    .isEqualTo(401);
        }
        assertThat(proxy.get("/api/auth/status/", client, "X-API-Key", ApiKeySecret.generate())
                        .status())
                .isEqualTo(429);
    }

    private String newKey() {
        TestClient.Response created = proxy.send(
                "POST",
                "/api/api-keys/",
                TestClient.JSON.writeValueAsString(Map.of("name", "legitimate", "scope", "read_only")),
                "203.0.113.1",
                "Authorization",
                session);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("key").asString();
    }
}
