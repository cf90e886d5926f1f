package com.claribi.token;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.ServerProcess;
import com.claribi.support.TestClient;
import com.claribi.support.TwoServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two server processes sharing one PostgreSQL database (and the master key, as the deployment guide says): a session
 * ended on one is refused by the other within the one second the contract allows, although the other verified its
 * access token before and checks access tokens without the database.
 */
@EnabledIfSystemProperty(named = "claribi.test.database", matches = "postgres")
class RevocationAcrossProcessesIntegrationTests {

    private static final Duration ALLOWED_DELAY = Duration.ofSeconds(1);
    private static final String PASSWORD = TwoServers.PASSWORD;

    private static TwoServers servers;
    private static ServerProcess a;
    private static ServerProcess b;

    @BeforeAll
    static void twoServersOnOneDatabase() {
        servers = TwoServers.shared();
        a = servers.a();
        b = servers.b();
    }

    @Test
    void logoutOnOneProcessThenOtherRefusesAccessTokenWithinOneSecond() {
        String email = servers.newAdministrator();
        Map<String, String> tokens = a.client().login(email, PASSWORD);
        assertThat(status(b, tokens).status()).isEqualTo(200);

        assertThat(a.client()
                        .post("/api/auth/logout/", "", "Authorization", TestClient.bearer(tokens.get("access")))
                        .status())
                .isEqualTo(204);
        long loggedOut = System.nanoTime();
        Duration delay = untilRefused(b, tokens, loggedOut);
        System.out.println("Logout on process A refused by process B after " + delay.toMillis() + " ms");
        assertThat(delay).isLessThan(ALLOWED_DELAY);
    }

    @Test
    void refreshOnOtherProcessAfterLogoutThenInvalidToken() {
        String email = servers.newAdministrator();
        Map<String, String> tokens = a.client().login(email, PASSWORD);
        assertThat(b.client()
                        .post("/api/auth/token/refresh/", Map.of("refresh", tokens.get("refresh")))
                        .status())
                .isEqualTo(200);
        assertThat(status(b, tokens).status()).isEqualTo(200);

        assertThat(a.client()
                        .post("/api/auth/logout/", Map.of("refresh", tokens.get("refresh")))
                        .status())
                .isEqualTo(204);
        long loggedOut = System.nanoTime();
        TestClient.Response refresh =
                b.client().post("/api/auth/token/refresh/", Map.of("refresh", tokens.get("refresh")));
        assertThat(refresh).isError(401, "invalid_token");
        Duration delay = untilRefused(b, tokens, loggedOut);
        System.out.println(
                "Logout with the refresh token on process A refused by process B after " + delay.toMillis() + " ms");
        assertThat(delay).isLessThan(ALLOWED_DELAY);
    }

    @Test
    void logoutAllOnOneProcessThenOtherRefusesEverySessionWithinOneSecond() {
        String email = servers.newAdministrator();
        Map<String, String> onA = a.client().login(email, PASSWORD);
        Map<String, String> onB = b.client().login(email, PASSWORD);
        assertThat(status(b, onA).status()).isEqualTo(200);
        assertThat(status(b, onB).status()).isEqualTo(200);

        assertThat(a.client()
                        .post("/api/auth/logout-all/", "", "Authorization", TestClient.bearer(onA.get("access")))
                        .status())
                .isEqualTo(204);
        long loggedOut = System.nanoTime();
        for (Map<String, String> tokens : List.of(onA, onB)) {
            Duration delay = untilRefused(b, tokens, loggedOut);
            System.out.println("Logout-all on process A refused by process B after " + delay.toMillis() + " ms");
            assertThat(delay).isLessThan(ALLOWED_DELAY);
        }
        for (Map<String, String> tokens : List.of(onA, onB)) {
            TestClient.Response refresh =
                    b.client().post("/api/auth/token/refresh/", Map.of("refresh", tokens.get("refresh")));
            assertThat(refresh).isError(401, "invalid_token");
        }
    }

    @Test
    void sessionEndedFromAnotherSessionOnOneProcessThenOtherRefusesItWithinOneSecond() throws Exception {
        String email = servers.newAdministrator();
        Map<String, String> caller = a.client().login(email, PASSWORD);
        Map<String, String> ended = b.client().login(email, PASSWORD);
        assertThat(status(b, ended).status()).isEqualTo(200);
        String endedId = ForgedTokens.claims(ended.get("access")).getStringClaim("sid");

        assertThat(a.client()
                        .send(
                                "DELETE",
                                "/api/auth/sessions/" + endedId + "/",
                                java.net.http.HttpRequest.BodyPublishers.noBody(),
                                "Authorization",
                                TestClient.bearer(caller.get("access")))
                        .status())
                .isEqualTo(204);
        long endedAt = System.nanoTime();
        Duration delay = untilRefused(b, ended, endedAt);
        System.out.println("Session ended with DELETE /api/auth/sessions/{id}/ on process A refused by process B after "
                + delay.toMillis() + " ms");
        assertThat(delay).isLessThan(ALLOWED_DELAY);
        assertThat(b.client().post("/api/auth/token/refresh/", Map.of("refresh", ended.get("refresh"))))
                .isError(401, "invalid_token");
        assertThat(status(b, caller).status()).as("the caller's session lives").isEqualTo(200);
    }

    @Test
    void passwordChangeOnOneProcessThenOtherRefusesOtherSessionsWithinOneSecond() {
        String email = servers.newAdministrator();
        Map<String, String> current = a.client().login(email, PASSWORD);
        Map<String, String> other = b.client().login(email, PASSWORD);
        assertThat(status(b, current).status()).isEqualTo(200);
        assertThat(status(b, other).status()).isEqualTo(200);

        String newPassword = "a brand new passphrase 42";
        assertThat(a.client()
                        .post(
                                "/api/auth/password/",
                                Map.of("old_password", PASSWORD, "new_password", newPassword),
                                "Authorization",
                                TestClient.bearer(current.get("access")))
                        .status())
                .isEqualTo(204);
        long changed = System.nanoTime();
        Duration delay = untilRefused(b, other, changed);
        System.out.println(
                "Password change on process A ended the other session on process B after " + delay.toMillis() + " ms");
        assertThat(delay).isLessThan(ALLOWED_DELAY);

        assertThat(status(b, current).status())
                .as("the session that changed the password")
                .isEqualTo(200);
        assertThat(b.client()
                        .post("/api/auth/token/refresh/", Map.of("refresh", other.get("refresh")))
                        .status())
                .isEqualTo(401);
        assertThat(b.client()
                        .post("/api/auth/login/", Map.of("email", email, "password", PASSWORD))
                        .error())
                .isEqualTo("invalid_credentials");
        assertThat(status(b, b.client().login(email, newPassword)).status()).isEqualTo(200);
    }

    @Test
    void apiKeyRevokedOnOneProcessThenOtherRefusesItWithinOneSecond() {
        String session = a.client().as(servers.newAdministrator(), PASSWORD);
        Key key = keyKnownToB(a.client()
                .post("/api/api-keys/", Map.of("name", "shared", "scope", "read_only"), "Authorization", session));

        revokeOnA("/api/api-keys/" + key.id() + "/revoke/", session);
        refusedByBWithinOneSecond("API key revoked", key.secret(), System.nanoTime());
    }

    @Test
    void apiKeyRotatedWithoutGraceOnOneProcessThenOtherRefusesOldSecretWithinOneSecond() {
        String session = a.client().as(servers.newAdministrator(), PASSWORD);
        Key key = keyKnownToB(a.client()
                .post("/api/api-keys/", Map.of("name", "rotated", "scope", "read_only"), "Authorization", session));

        TestClient.Response rotated =
                a.client().post("/api/api-keys/" + key.id() + "/rotate/", "", "Authorization", session);
        assertThat(rotated.status()).isEqualTo(201);
        refusedByBWithinOneSecond("API key rotated: the old secret", key.secret(), System.nanoTime());
        assertThat(b.client()
                        .get(
                                "/api/auth/status/",
                                "X-API-Key",
                                rotated.json().path("key").asString())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void serviceAccountDeactivatedOnOneProcessThenOtherRefusesItsKeyWithinOneSecond() {
        String session = a.client().as(servers.newAdministrator(), PASSWORD);
        long account = serviceAccount(session, "shared integration", "editor");
        // Process B has verified the key and holds it, and the service account, in its caches.
        Key key = keyKnownToB(serviceAccountKey(session, account, "read_write"));

        assertThat(a.client()
                        .send(
                                "DELETE",
                                "/api/service-accounts/" + account + "/",
                                java.net.http.HttpRequest.BodyPublishers.noBody(),
                                "Authorization",
                                session)
                        .status())
                .isEqualTo(204);
        refusedByBWithinOneSecond("Service account deactivated: its key", key.secret(), System.nanoTime());
    }

    @Test
    void serviceAccountKeyRevokedOnOneProcessThenOtherRefusesItWithinOneSecond() {
        String session = a.client().as(servers.newAdministrator(), PASSWORD);
        long account = serviceAccount(session, "revoked integration", "viewer");
        Key key = keyKnownToB(serviceAccountKey(session, account, "read_only"));

        revokeOnA("/api/service-accounts/" + account + "/api-keys/" + key.id() + "/revoke/", session);
        refusedByBWithinOneSecond("Service account's key revoked", key.secret(), System.nanoTime());
    }

    @Test
    void keyRevokedThroughTheOrganizationListOnOneProcessThenOtherRefusesItWithinOneSecond() {
        String session = a.client().as(servers.newAdministrator(), PASSWORD);
        Key key = keyKnownToB(a.client()
                .post("/api/api-keys/", Map.of("name", "overseen", "scope", "read_only"), "Authorization", session));

        revokeOnA("/api/organization/api-keys/" + key.id() + "/revoke/", session);
        refusedByBWithinOneSecond(
                "API key revoked with POST /api/organization/api-keys/{id}/revoke/", key.secret(), System.nanoTime());
    }

    /** A key just created, its secret, and the id of its row. */
    private record Key(long id, String secret) {}

    /** The key {@code created} answers with, after process B has verified it and holds it in its cache. */
    private static Key keyKnownToB(TestClient.Response created) {
        assertThat(created.status()).isEqualTo(201);
        Key key = new Key(
                created.json().path("id").asLong(), created.json().path("key").asString());
        assertThat(b.client()
                        .get("/api/auth/status/", "X-API-Key", key.secret())
                        .status())
                .isEqualTo(200);
        return key;
    }

    /** A new service account of the administrator's organization, made on process A; its id. */
    private static long serviceAccount(String session, String name, String role) {
        TestClient.Response account =
                a.client().post("/api/service-accounts/", Map.of("name", name, "role", role), "Authorization", session);
        assertThat(account.status()).isEqualTo(201);
        return account.json().path("id").asLong();
    }

    /** Process A's answer to creating a key of the service account. */
    private static TestClient.Response serviceAccountKey(String session, long account, String scope) {
        return a.client()
                .post(
                        "/api/service-accounts/" + account + "/api-keys/",
                        Map.of("name", "shared", "scope", scope),
                        "Authorization",
                        session);
    }

    private static void revokeOnA(String path, String session) {
        assertThat(a.client().post(path, "", "Authorization", session).status())
                .as(path)
                .isEqualTo(200);
    }

    /** Process B refuses {@code secret} less than a second after {@code sinceNanos}; the delay is printed. */
    private static void refusedByBWithinOneSecond(String what, String secret, long sinceNanos) {
        Duration delay = untilKeyRefused(b, secret, sinceNanos);
        System.out.println(what + " on process A: refused by process B after " + delay.toMillis() + " ms");
        assertThat(delay).isLessThan(ALLOWED_DELAY);
    }

    private static Duration untilKeyRefused(ServerProcess server, String secret, long sinceNanos) {
        while (true) {
            TestClient.Response response = server.client().get("/api/auth/status/", "X-API-Key", secret);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - sinceNanos);
            if (response.status() == 401) {
                assertThat(response.error()).isEqualTo("invalid_api_key");
                return elapsed;
            }
            assertThat(response.status()).isEqualTo(200);
            assertThat(elapsed).as("the revoked key is still accepted").isLessThan(Duration.ofSeconds(5));
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static TestClient.Response status(ServerProcess server, Map<String, String> tokens) {
        return server.client().get("/api/auth/status/", "Authorization", TestClient.bearer(tokens.get("access")));
    }

    /** Polls {@code server} every 50 ms with the access token until it is refused; the time since {@code sinceNanos}. */
    private static Duration untilRefused(ServerProcess server, Map<String, String> tokens, long sinceNanos) {
        while (true) {
            TestClient.Response response = status(server, tokens);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - sinceNanos);
            if (response.status() == 401) {
                assertThat(response.error()).isEqualTo("invalid_token");
                return elapsed;
            }
            assertThat(response.status()).isEqualTo(200);
            assertThat(elapsed).as("the ended session is still accepted").isLessThan(Duration.ofSeconds(5));
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
