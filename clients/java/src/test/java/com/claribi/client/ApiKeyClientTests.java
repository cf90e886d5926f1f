package com.claribi.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.claribi.client.model.ApiKey;
import com.claribi.client.model.ApiKeyScope;
import com.claribi.client.model.ApiKeyUse;
import com.claribi.client.model.AuthStatus;
import com.claribi.client.model.DashboardFields;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A client with an API key: its requests, its User-Agent, and its budget's 429 with Retry-After. */
@ExtendWith(TestServer.Extension.class)
class ApiKeyClientTests {

    private final TestServer server;

    ApiKeyClientTests(TestServer server) {
        this.server = server;
    }

    @Test
    void actsAsTheKeysOwnerAndNamesItselfInTheUserAgent() {
        ApiKey key = server.createApiKey(ApiKeyScope.READ_WRITE);
        assertTrue(key.key().startsWith("claribi_sk_live_"));
        try (ClaribiClient client = server.builder().apiKey(key.key()).build()) {
            AuthStatus status = client.auth().status();
            assertEquals(TestServer.ADMIN_EMAIL, status.user().email());
            assertEquals("user", status.user().type());
            assertEquals("SDK Tests", status.organization().name());
            long id =
                    client.dashboards().create(DashboardFields.named("by key")).id();
            client.dashboards().delete(id);
        }
        // A use shows in the key's activity within 2 seconds (docs/api.md).
        try (ClaribiClient admin = server.admin()) {
            List<ApiKeyUse> uses = List.of();
            for (int attempt = 0; attempt < 50 && uses.size() < 3; attempt++) {
                TestServer.sleep(Duration.ofMillis(100));
                uses = admin.apiKeys().activity(key.id()).toList();
            }
            assertEquals(3, uses.size(), "status, create, delete: " + uses);
            assertEquals("claribi-java/" + ClaribiClient.VERSION, uses.get(0).userAgent());
            assertEquals("DELETE", uses.get(0).method());
        }
    }

    @Test
    void waitsOutRetryAfterWhenTheBudgetIsSpent() {
        ApiKey key = server.createApiKey(ApiKeyScope.READ_ONLY);
        Counts counts = new Counts();
        try (ClaribiClient client = server.builder()
                .apiKey(key.key())
                .maxRetryWait(Duration.ofSeconds(10))
                .listener(counts)
                .build()) {
            // The budget refills a token a second: on a loaded machine the first requests take long enough to earn a
            // token or two, so a few more than the budget make sure that at least two have to wait.
            for (int i = 0; i < TestServer.API_KEY_PER_MINUTE + 5; i++) {
                client.dashboards().page(1, 1);
            }
            assertTrue(counts.waits.size() >= 2, "waited " + counts.waits);
            assertTrue(counts.waits.stream().allMatch(wait -> wait.compareTo(Duration.ofSeconds(1)) >= 0));
            assertTrue(counts.responses.stream().anyMatch(response -> response.endsWith(" 429")));
        }
    }

    @Test
    void rateLimitedBeyondTheBoundedWait() {
        ApiKey key = server.createApiKey(ApiKeyScope.READ_ONLY);
        try (ClaribiClient client =
                server.builder().apiKey(key.key()).maxRetryWait(Duration.ZERO).build()) {
            RateLimitedException limited = assertThrows(RateLimitedException.class, () -> {
                // Twice the budget: a token a second refills while the first ones are sent (slowly, under load).
                for (int i = 0; i < 2 * TestServer.API_KEY_PER_MINUTE; i++) {
                    client.dashboards().page(1, 1);
                }
            });
            assertEquals(429, limited.status());
            assertEquals("rate_limited", limited.error());
            assertTrue(limited.retryAfter().compareTo(Duration.ofSeconds(1)) >= 0);
        }
    }

    @Test
    void readOnlyKeyCannotWrite() {
        ApiKey key = server.createApiKey(ApiKeyScope.READ_ONLY);
        try (ClaribiClient client = server.builder().apiKey(key.key()).build()) {
            PermissionDeniedException denied = assertThrows(
                    PermissionDeniedException.class, () -> client.dashboards().create(DashboardFields.named("no")));
            assertEquals(403, denied.status());
            assertEquals("permission_denied", denied.error());
        }
    }

    @Test
    void keysAreManagedFromASessionOnly() {
        ApiKey key = server.createApiKey(ApiKeyScope.READ_WRITE);
        try (ClaribiClient client = server.builder().apiKey(key.key()).build()) {
            assertThrows(
                    PermissionDeniedException.class,
                    () -> client.apiKeys().list().toList());
            assertThrows(IllegalStateException.class, () -> client.auth().logout());
        }
    }

    @Test
    void unknownKeyIsAnAuthenticationException() {
        try (ClaribiClient client =
                server.builder().apiKey("claribi_sk_live_notarealkey").build()) {
            AuthenticationException refused = assertThrows(
                    AuthenticationException.class, () -> client.auth().status());
            assertEquals(401, refused.status());
            assertEquals("invalid_api_key", refused.error());
        }
    }
}
