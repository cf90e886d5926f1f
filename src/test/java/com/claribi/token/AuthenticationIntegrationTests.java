package com.claribi.token;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.ScaleRows;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The Quick Start's flow: login, use the access token, refresh, logout. */
class AuthenticationIntegrationTests extends ServerIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void loginThenStatusShowsUserAndOrganization() {
        Account account = newUser(Role.ADMINISTRATOR);
        TestClient.Response login =
                api.post("/api/auth/login/", Map.of("email", account.email(), "password", account.password()));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.header("Cache-Control")).contains("no-store");
        String access = login.json().path("access").asString();
        assertThat(login.json().path("refresh").asString()).isNotBlank();

        TestClient.Response status = api.get("/api/auth/status/", "Authorization", TestClient.bearer(access));
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().path("user").path("email").asString()).isEqualTo(account.email());
        assertThat(status.json().path("user").path("id").asLong())
                .isEqualTo(account.user().id());
        assertThat(status.json().path("user").path("first_name").asString()).isEqualTo("Jane");
        assertThat(status.json().path("user").path("role").asString()).isEqualTo("administrator");
        assertThat(status.json().path("organization").path("plan").asString()).isEqualTo("professional");
        assertThat(status.json()
                        .path("organization")
                        .path("ai_credits_remaining")
                        .asInt())
                .isEqualTo(1347);
    }

    @Test
    void loginWhenEmailDiffersInCaseThenAccepted() {
        Account account = newUser(Role.VIEWER);
        assertThat(api.post(
                                "/api/auth/login/",
                                Map.of("email", account.email().toUpperCase(), "password", account.password()))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void loginWhenPasswordWrongThenInvalidCredentials() {
        Account account = newUser(Role.VIEWER);
        TestClient.Response response =
                api.post("/api/auth/login/", Map.of("email", account.email(), "password", "not the password"));
        assertThat(response).isError(401, "invalid_credentials");
    }

    @Test
    void loginWhenEmailUnknownThenSameAnswerAsWrongPassword() {
        Account account = newUser(Role.VIEWER);
        TestClient.Response wrongPassword =
                api.post("/api/auth/login/", Map.of("email", account.email(), "password", "not the password"));
        TestClient.Response unknownEmail =
                api.post("/api/auth/login/", Map.of("email", "nobody@example.com", "password", "not the password"));
        assertThat(unknownEmail.status()).isEqualTo(wrongPassword.status());
        assertThat(unknownEmail.text()).isEqualTo(wrongPassword.text());
    }

    @Test
    void refreshReturnsNewAccessTokenAndKeepsRefreshToken() {
        Account account = newUser(Role.EDITOR);
        Map<String, String> tokens = api.login(account.email(), account.password());
        TestClient.Response refreshed = api.post("/api/auth/token/refresh/", Map.of("refresh", tokens.get("refresh")));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().has("refresh")).isFalse();
        String access = refreshed.json().path("access").asString();
        assertThat(api.get("/api/auth/status/", "Authorization", TestClient.bearer(access))
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/auth/token/refresh/", Map.of("refresh", tokens.get("refresh")))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void logoutWithRefreshTokenEndsSessionAndItsAccessTokens() {
        Account account = newUser(Role.EDITOR);
        Map<String, String> tokens = api.login(account.email(), account.password());
        assertThat(api.post("/api/auth/logout/", Map.of("refresh", tokens.get("refresh")))
                        .status())
                .isEqualTo(204);
        TestClient.Response access =
                api.get("/api/auth/status/", "Authorization", TestClient.bearer(tokens.get("access")));
        assertThat(access).isError(401, "invalid_token");
        TestClient.Response refresh = api.post("/api/auth/token/refresh/", Map.of("refresh", tokens.get("refresh")));
        assertThat(refresh).isError(401, "invalid_token");
    }

    @Test
    void logoutWithBearerEndsOnlyThatSession() {
        Account account = newUser(Role.EDITOR);
        Map<String, String> first = api.login(account.email(), account.password());
        Map<String, String> second = api.login(account.email(), account.password());
        assertThat(api.post("/api/auth/logout/", "", "Authorization", TestClient.bearer(first.get("access")))
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/auth/status/", "Authorization", TestClient.bearer(first.get("access")))
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/api/auth/status/", "Authorization", TestClient.bearer(second.get("access")))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void logoutWithoutCredentialsThenNotAuthenticated() {
        TestClient.Response response = api.post("/api/auth/logout/", Map.of());
        assertThat(response).isError(401, "not_authenticated");
    }

    @Test
    void logoutAllEndsEverySession() {
        Account account = newUser(Role.EDITOR);
        Map<String, String> first = api.login(account.email(), account.password());
        Map<String, String> second = api.login(account.email(), account.password());
        assertThat(api.post("/api/auth/logout-all/", "", "Authorization", TestClient.bearer(first.get("access")))
                        .status())
                .isEqualTo(204);
        for (Map<String, String> tokens : java.util.List.of(first, second)) {
            assertThat(api.get("/api/auth/status/", "Authorization", TestClient.bearer(tokens.get("access")))
                            .status())
                    .isEqualTo(401);
            assertThat(api.post("/api/auth/token/refresh/", Map.of("refresh", tokens.get("refresh")))
                            .status())
                    .isEqualTo(401);
        }
    }

    @Test
    void logoutAllWhenSeventyThousandSessionsThenEveryOneEnded() throws Exception {
        // More sessions than PostgreSQL takes parameters in one statement (65,535): a user who signed in once a
        // minute for seven weeks, or an attacker who knows the password and signs in on purpose so that the owner's
        // password change or sign-out everywhere would fail.
        Account account = newUser(Role.VIEWER);
        Map<String, String> tokens = api.login(account.email(), account.password());
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp later = Timestamp.from(Instant.now().plusSeconds(3600));
        int extra = 70_000;
        ScaleRows.insert(dataSource, """
                insert into sessions (id, user_id, created_at, authenticated_at, expires_at, refresh_jti)
                values (?, ?, ?, ?, ?, ?)""", extra, (insert, i) -> {
            insert.setString(1, "bulk-" + account.user().id() + "-" + i);
            insert.setLong(2, account.user().id());
            insert.setTimestamp(3, now);
            insert.setTimestamp(4, now);
            insert.setTimestamp(5, later);
            insert.setString(6, "jti-" + i);
        });

        TestClient.Response response =
                api.post("/api/auth/logout-all/", "", "Authorization", TestClient.bearer(tokens.get("access")));

        assertThat(response.status()).as(response.text()).isEqualTo(204);
        assertThat(JdbcClient.create(dataSource)
                        .sql("select count(*) from sessions where user_id = ? and revoked_at is null")
                        .param(account.user().id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void passwordChangeEndsOtherSessionsButKeepsThisOne() {
        Account account = newUser(Role.VIEWER);
        Map<String, String> current = api.login(account.email(), account.password());
        Map<String, String> other = api.login(account.email(), account.password());
        String newPassword = "a brand new passphrase 42";
        TestClient.Response change = api.post(
                "/api/auth/password/",
                Map.of("old_password", account.password(), "new_password", newPassword),
                "Authorization",
                TestClient.bearer(current.get("access")));
        assertThat(change.status()).isEqualTo(204);
        assertThat(api.get("/api/auth/status/", "Authorization", TestClient.bearer(current.get("access")))
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/auth/status/", "Authorization", TestClient.bearer(other.get("access")))
                        .status())
                .isEqualTo(401);
        assertThat(api.post("/api/auth/token/refresh/", Map.of("refresh", other.get("refresh")))
                        .status())
                .isEqualTo(401);
        assertThat(api.post("/api/auth/login/", Map.of("email", account.email(), "password", account.password()))
                        .status())
                .isEqualTo(401);
        assertThat(api.login(account.email(), newPassword)).containsKey("access");
    }

    @Test
    void passwordChangeWhenOldPasswordWrongThenValidationError() {
        Account account = newUser(Role.VIEWER);
        Map<String, String> tokens = api.login(account.email(), account.password());
        TestClient.Response change = api.post(
                "/api/auth/password/",
                Map.of("old_password", "wrong old password", "new_password", "a brand new passphrase 42"),
                "Authorization",
                TestClient.bearer(tokens.get("access")));
        assertThat(change.status()).isEqualTo(400);
        assertThat(change.json().path("fields").has("old_password")).isTrue();
    }

    @Test
    void passwordChangeWhenNewPasswordCommonOrShortThenValidationError() {
        Account account = newUser(Role.VIEWER);
        Map<String, String> tokens = api.login(account.email(), account.password());
        for (String weak : new String[] {"password1", "qwertyuiop", "short"}) {
            TestClient.Response change = api.post(
                    "/api/auth/password/",
                    Map.of("old_password", account.password(), "new_password", weak),
                    "Authorization",
                    TestClient.bearer(tokens.get("access")));
            assertThat(change).as(weak).isError(400, "validation_error");
            assertThat(change.json().path("fields").has("new_password")).isTrue();
        }
    }

    @Test
    void passphraseOf128CharactersAccepted() {
        Account account = newUser(Role.VIEWER);
        Map<String, String> tokens = api.login(account.email(), account.password());
        String passphrase = "long passphrase ".repeat(8);
        assertThat(passphrase).hasSize(128);
        assertThat(api.post(
                                "/api/auth/password/",
                                Map.of("old_password", account.password(), "new_password", passphrase),
                                "Authorization",
                                TestClient.bearer(tokens.get("access")))
                        .status())
                .isEqualTo(204);
        assertThat(api.login(account.email(), passphrase)).containsKey("access");
    }

    @Test
    void jwksPublishesTheKeyThatSignsAccessTokens() {
        Account account = newUser(Role.VIEWER);
        String access = api.login(account.email(), account.password()).get("access");
        String kid = TestClient.JSON
                .readTree(java.util.Base64.getUrlDecoder().decode(access.split("\\.")[0]))
                .path("kid")
                .asString();
        TestClient.Response jwks = api.get("/api/auth/jwks/");
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.json().path("keys").findValuesAsString("kid")).contains(kid);
        assertThat(jwks.text()).doesNotContain("\"d\"");
    }
}
