package com.claribi.token;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/auth/sessions/} (API.md, "Sessions"): a user lists their live sessions with where each was signed in
 * from, and ends one; ending another than the caller's needs sudo mode; nobody sees or ends another user's.
 */
class SessionsIntegrationTests extends ServerIntegrationTest {

    @Autowired
    private SigningKeyRing ring;

    @Autowired
    private DataSource dataSource;

    private ForgedTokens forged;

    @BeforeEach
    void forger() {
        forged = new ForgedTokens(ring);
    }

    @Test
    void listShowsEachLiveSessionWithAddressUserAgentAndWhichIsCurrent() throws Exception {
        Account user = newUser(Role.VIEWER);
        Map<String, String> laptop = login(user, "Laptop/1.0");
        Map<String, String> phone = login(user, "Phone/2.0");
        login(newUser(Role.VIEWER), "Someone else/1.0");

        TestClient.Response response = api.get("/api/auth/sessions/", "Authorization", bearer(laptop));
        assertThat(response).hasStatus(200);
        JsonNode list = response.json();
        assertThat(list.path("count").asInt()).isEqualTo(2);
        assertThat(list.path("next").isNull()).isTrue();
        assertThat(list.path("previous").isNull()).isTrue();
        List<String> ids = new ArrayList<>();
        for (JsonNode session : list.path("results")) {
            ids.add(session.path("id").asString());
            assertThat(session.path("ip").asString()).isEqualTo("127.0.0.1");
            assertThat(Instant.parse(session.path("created_at").asString())).isBeforeOrEqualTo(Instant.now());
            assertThat(session.path("last_used_at").asString()).isNotBlank();
            assertThat(session.path("current").asBoolean())
                    .as("current marks the caller's session")
                    .isEqualTo(session.path("id").asString().equals(sessionId(laptop)));
            assertThat(session.path("user_agent").asString())
                    .isEqualTo(session.path("id").asString().equals(sessionId(laptop)) ? "Laptop/1.0" : "Phone/2.0");
        }
        assertThat(ids)
                .containsExactlyInAnyOrder(sessionId(laptop), sessionId(phone))
                .isSorted();
        assertThat(list.toString()).as("no token in the list").doesNotContain(laptop.get("refresh"), "refresh_jti");
    }

    @Test
    void endedSessionsAreNotListed() {
        Account user = newUser(Role.VIEWER);
        Map<String, String> kept = login(user, "Kept/1");
        Map<String, String> ended = login(user, "Ended/1");
        assertThat(api.post("/api/auth/logout/", Map.of("refresh", ended.get("refresh"))))
                .hasStatus(204);
        JsonNode list =
                api.get("/api/auth/sessions/", "Authorization", bearer(kept)).json();
        assertThat(list.path("count").asInt()).isEqualTo(1);
        assertThat(list.path("results").get(0).path("id").asString()).isEqualTo(sessionId(kept));
    }

    @Test
    void endingAnotherSessionThenItsTokensStopAndTheCallersWork() {
        Account user = newUser(Role.VIEWER);
        Map<String, String> caller = login(user, "Caller/1");
        Map<String, String> other = login(user, "Other/1");

        assertThat(delete("/api/auth/sessions/" + sessionId(other) + "/", bearer(caller)))
                .hasStatus(204);

        assertThat(api.get("/api/auth/status/", "Authorization", bearer(other)))
                .as("the ended session's access token")
                .hasStatus(401);
        assertThat(api.post("/api/auth/token/refresh/", Map.of("refresh", other.get("refresh"))))
                .as("the ended session's refresh token")
                .hasStatus(401);
        assertThat(api.get("/api/auth/status/", "Authorization", bearer(caller)))
                .hasStatus(200);
        JsonNode remaining =
                api.get("/api/auth/sessions/", "Authorization", bearer(caller)).json();
        assertThat(remaining.path("count").asInt()).isEqualTo(1);
    }

    @Test
    void endingAnotherSessionWhenPasswordProofIsOldThenReauthenticationRequiredAndItLives() {
        Account user = newUser(Role.VIEWER);
        Map<String, String> caller = login(user, "Caller/1");
        Map<String, String> other = login(user, "Other/1");

        assertThat(delete("/api/auth/sessions/" + sessionId(other) + "/", TestClient.bearer(stale(caller))))
                .isReauthenticationRequired();
        assertThat(api.get("/api/auth/status/", "Authorization", bearer(other))).hasStatus(200);
    }

    @Test
    void endingTheCallersOwnSessionIsALogoutWithoutReauthentication() {
        Account user = newUser(Role.VIEWER);
        Map<String, String> caller = login(user, "Caller/1");
        String staleToken = stale(caller);

        assertThat(delete("/api/auth/sessions/" + sessionId(caller) + "/", TestClient.bearer(staleToken)))
                .hasStatus(204);
        assertThat(api.get("/api/auth/status/", "Authorization", bearer(caller)))
                .hasStatus(401);
    }

    @Test
    void anotherUsersSessionOrAnEndedOrUnknownOneThenNotFound() {
        Account user = newUser(Role.ADMINISTRATOR);
        Map<String, String> caller = login(user, "Caller/1");
        Map<String, String> stranger = login(newUserInOrganization(user.user().organizationId(), Role.VIEWER), "S/1");
        Map<String, String> ended = login(user, "Ended/1");
        api.post("/api/auth/logout/", Map.of("refresh", ended.get("refresh")));

        assertThat(delete("/api/auth/sessions/" + sessionId(stranger) + "/", bearer(caller)))
                .as("a colleague's session, even for an administrator")
                .isError(404, "not_found");
        assertThat(api.get("/api/auth/status/", "Authorization", bearer(stranger)))
                .hasStatus(200);
        assertThat(delete("/api/auth/sessions/" + sessionId(ended) + "/", bearer(caller)))
                .isError(404, "not_found");
        assertThat(delete("/api/auth/sessions/no-such-session/", bearer(caller)))
                .isError(404, "not_found");
    }

    @Test
    void apiKeysAndAnonymousCallersThenRefused() {
        Account user = newUser(Role.EDITOR);
        Map<String, String> session = login(user, "Caller/1");
        TestClient.Response created = api.post(
                "/api/api-keys/", Map.of("name", "script", "scope", "read_write"), "Authorization", bearer(session));
        assertThat(created).hasStatus(201);
        String key = created.json().path("key").asString();

        assertThat(api.get("/api/auth/sessions/", "X-API-Key", key)).isError(403, "permission_denied");
        assertThat(delete("/api/auth/sessions/" + sessionId(session) + "/", "X-API-Key", key))
                .isError(403, "permission_denied");
        assertThat(api.get("/api/auth/status/", "Authorization", bearer(session)))
                .as("the key did not end the session")
                .hasStatus(200);
        assertThat(api.get("/api/auth/sessions/")).hasStatus(401);
    }

    @Test
    void aRefreshRecordsTheSessionsUse() throws Exception {
        Account user = newUser(Role.VIEWER);
        Map<String, String> session = login(user, "Caller/1");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update =
                        connection.prepareStatement("update sessions set last_used_at = ? where id = ?")) {
            update.setObject(1, java.time.OffsetDateTime.parse("2020-01-01T00:00:00Z"));
            update.setString(2, sessionId(session));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        assertThat(lastUsed(session)).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));

        Instant before = Instant.now().minusSeconds(1);
        assertThat(api.post("/api/auth/token/refresh/", Map.of("refresh", session.get("refresh"))))
                .hasStatus(200);
        assertThat(lastUsed(session)).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void listIsPaginatedInTheListFormat() {
        Account user = newUser(Role.VIEWER);
        Map<String, String> caller = login(user, "Caller/1");
        login(user, "Second/1");
        login(user, "Third/1");
        JsonNode first = api.get("/api/auth/sessions/?page_size=2", "Authorization", bearer(caller))
                .json();
        assertThat(first.path("count").asInt()).isEqualTo(3);
        assertThat(first.path("results").size()).isEqualTo(2);
        assertThat(first.path("next").asString()).isEqualTo(api.baseUrl() + "/api/auth/sessions/?page_size=2&page=2");
        assertThat(api.get("/api/auth/sessions/?page=3&page_size=2", "Authorization", bearer(caller)))
                .isError(404, "not_found");
        assertThat(api.get("/api/auth/sessions/?page=zero", "Authorization", bearer(caller)))
                .isError(400, "validation_error");
    }

    private Instant lastUsed(Map<String, String> session) {
        for (JsonNode row : api.get("/api/auth/sessions/?page_size=100", "Authorization", bearer(session))
                .json()
                .path("results")) {
            if (row.path("id").asString().equals(sessionId(session))) {
                return Instant.parse(row.path("last_used_at").asString());
            }
        }
        throw new AssertionError("session not listed");
    }

    private Map<String, String> login(Account account, String userAgent) {
        TestClient.Response response = api.post(
                "/api/auth/login/",
                Map.of("email", account.email(), "password", account.password()),
                "User-Agent",
                userAgent);
        assertThat(response).hasStatus(200);
        return Map.of(
                "access", response.json().path("access").asString(),
                "refresh", response.json().path("refresh").asString());
    }

    private static String bearer(Map<String, String> tokens) {
        return TestClient.bearer(tokens.get("access"));
    }

    private static String sessionId(Map<String, String> tokens) {
        try {
            return ForgedTokens.claims(tokens.get("access")).getStringClaim("sid");
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same session's access token, signed by the server, whose password proof is 16 minutes old. */
    private String stale(Map<String, String> tokens) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(ForgedTokens.claims(tokens.get("access")))
                .jwtID(UUID.randomUUID().toString())
                .claim("auth_time", Instant.now().getEpochSecond() - 16 * 60)
                .build();
        return forged.signedByServer(forged.header(TokenType.ACCESS).build(), claims);
    }

    private TestClient.Response delete(String path, String... headers) {
        return api.send("DELETE", path, HttpRequest.BodyPublishers.noBody(), headers);
    }

    private TestClient.Response delete(String path, String authorization) {
        return delete(path, new String[] {"Authorization", authorization});
    }
}
