package com.claribi.token;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** {@code CLARIBI_REFRESH_ROTATION=on}: each refresh returns a new refresh token; reuse ends the session. */
@TestPropertySource(properties = "claribi.refresh-rotation=on")
class RefreshRotationIntegrationTests extends ServerIntegrationTest {

    @Test
    void refreshWhenRotationOnThenNewRefreshTokenReturned() {
        Account account = newUser(Role.VIEWER);
        Map<String, String> tokens = api.login(account.email(), account.password());
        TestClient.Response first = api.post("/api/auth/token/refresh/", Map.of("refresh", tokens.get("refresh")));
        assertThat(first.status()).isEqualTo(200);
        String rotated = first.json().path("refresh").asString();
        assertThat(rotated).isNotBlank().isNotEqualTo(tokens.get("refresh"));
        TestClient.Response second = api.post("/api/auth/token/refresh/", Map.of("refresh", rotated));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("refresh").asString()).isNotEqualTo(rotated);
    }

    @Test
    void webRefreshWhenRotationOnThenBothCookiesReplacedAndBound() throws Exception {
        Account account = newUser(Role.VIEWER);
        String origin = "https://localhost:" + port;
        TestClient.Response login = api.post(
                "/api/auth/login/",
                Map.of("email", account.email(), "password", account.password()),
                "X-Claribi-Client",
                "web",
                "Origin",
                origin);
        String refresh = setCookieValue(login, "__Secure-claribi-refresh");
        String binding = setCookieValue(login, "__Host-claribi-refresh-binding");

        TestClient.Response rotated = api.post(
                "/api/auth/token/refresh/",
                "{}",
                "Cookie",
                "__Secure-claribi-refresh=" + refresh + "; __Host-claribi-refresh-binding=" + binding,
                "X-Claribi-Client",
                "web",
                "Origin",
                origin);

        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        String newRefresh = setCookieValue(rotated, "__Secure-claribi-refresh");
        assertThat(newRefresh).isNotEqualTo(refresh);
        assertThat(setCookieValue(rotated, "__Host-claribi-refresh-binding"))
                .isEqualTo(java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(newRefresh.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    private static String setCookieValue(TestClient.Response response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith(name + "="))
                .map(header -> java.net.HttpCookie.parse(header).getFirst().getValue())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Set-Cookie for " + name + " in " + response.headers()));
    }

    @Test
    void refreshWhenRotatedKeepsAuthTimeAndTheFreshOneAfterReauthentication() throws Exception {
        Account account = newUser(Role.VIEWER);
        Map<String, String> tokens = api.login(account.email(), account.password());
        long loggedIn = ReauthenticationIntegrationTests.authTime(tokens.get("access"));
        ReauthenticationIntegrationTests.pause(1100);
        TestClient.Response first = api.post("/api/auth/token/refresh/", Map.of("refresh", tokens.get("refresh")));
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(ReauthenticationIntegrationTests.authTime(
                        first.json().path("access").asString()))
                .isEqualTo(loggedIn);
        TestClient.Response reauthenticated = api.post(
                "/api/auth/reauthenticate/",
                Map.of("password", account.password()),
                "Authorization",
                TestClient.bearer(first.json().path("access").asString()));
        assertThat(reauthenticated.status()).as(reauthenticated.text()).isEqualTo(200);
        long proved = ReauthenticationIntegrationTests.authTime(
                reauthenticated.json().path("access").asString());
        assertThat(proved).isGreaterThan(loggedIn);
        TestClient.Response second = api.post(
                "/api/auth/token/refresh/",
                Map.of("refresh", first.json().path("refresh").asString()));
        assertThat(second.status()).as(second.text()).isEqualTo(200);
        assertThat(ReauthenticationIntegrationTests.authTime(
                        second.json().path("access").asString()))
                .isEqualTo(proved);
    }

    @Test
    void refreshWhenRotatedTokenReusedWithinGraceThenAccepted() {
        Account account = newUser(Role.VIEWER);
        Map<String, String> tokens = api.login(account.email(), account.password());
        assertThat(api.post("/api/auth/token/refresh/", Map.of("refresh", tokens.get("refresh")))
                        .status())
                .isEqualTo(200);
        TestClient.Response again = api.post("/api/auth/token/refresh/", Map.of("refresh", tokens.get("refresh")));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("access").asString()).isNotBlank();
    }

    @Test
    void refreshWhenRotatedTokenReusedAfterGraceThenWholeSessionEnds() throws InterruptedException {
        Account account = newUser(Role.VIEWER);
        Map<String, String> tokens = api.login(account.email(), account.password());
        TestClient.Response rotated = api.post("/api/auth/token/refresh/", Map.of("refresh", tokens.get("refresh")));
        String newRefresh = rotated.json().path("refresh").asString();
        String newAccess = rotated.json().path("access").asString();
        Thread.sleep(TokenProperties.ROTATION_GRACE.toMillis() + 1_500);

        TestClient.Response reuse = api.post("/api/auth/token/refresh/", Map.of("refresh", tokens.get("refresh")));
        assertThat(reuse).isError(401, "invalid_token");
        // The thief's copy and the legitimate client's latest tokens are all dead now.
        assertThat(api.post("/api/auth/token/refresh/", Map.of("refresh", newRefresh))
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/api/auth/status/", "Authorization", TestClient.bearer(newAccess))
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/api/auth/status/", "Authorization", TestClient.bearer(tokens.get("access")))
                        .status())
                .isEqualTo(401);
    }
}
