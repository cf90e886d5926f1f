package com.claribi.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.net.HttpCookie;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The web interface's refresh cookie over plain HTTP requests: set by a login with {@code X-Claribi-Client: web},
 * used by refresh only from our own pages, cleared by logout; API clients keep the body tokens unchanged.
 */
class WebClientCookieIntegrationTests extends ServerIntegrationTest {

    private static final String COOKIE = "__Secure-claribi-refresh";

    private String origin() {
        return "https://localhost:" + port;
    }

    private TestClient.Response webLogin(Account account) {
        return api.post(
                "/api/auth/login/",
                Map.of("email", account.email(), "password", account.password()),
                "X-Claribi-Client",
                "web",
                "Origin",
                origin());
    }

    private static String cookieValue(TestClient.Response response) {
        String header = response.header("Set-Cookie");
        assertThat(header).as("Set-Cookie").isNotNull();
        List<HttpCookie> cookies = HttpCookie.parse(header);
        return cookies.getFirst().getValue();
    }

    @Test
    void loginFromWebClientSetsHttpOnlySecureStrictCookieOnAuthPathAndNoRefreshInBody() {
        TestClient.Response login = webLogin(newUser(Role.VIEWER));

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("access").asString()).isNotBlank();
        assertThat(login.json().has("refresh")).isFalse();
        String header = login.header("Set-Cookie");
        assertThat(header).startsWith(COOKIE + "=");
        assertThat(header.split(";\\s*"))
                .contains("HttpOnly", "Secure", "SameSite=Strict", "Path=/api/auth/", "Max-Age=604800");
        assertThat(cookieValue(login)).isNotBlank();
    }

    @Test
    void loginWithoutWebHeaderKeepsRefreshInBodyAndSetsNoCookie() {
        Account account = newUser(Role.VIEWER);
        TestClient.Response login =
                api.post("/api/auth/login/", Map.of("email", account.email(), "password", account.password()));

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("refresh").asString()).isNotBlank();
        assertThat(login.header("Set-Cookie")).isNull();
    }

    @Test
    void loginFromWebClientWhenOriginForeignThenForbidden() {
        Account account = newUser(Role.VIEWER);
        TestClient.Response login = api.post(
                "/api/auth/login/",
                Map.of("email", account.email(), "password", account.password()),
                "X-Claribi-Client",
                "web",
                "Origin",
                "https://evil.example");

        assertThat(login.status()).isEqualTo(403);
        assertThat(login.error()).isEqualTo("permission_denied");
        assertThat(login.header("Set-Cookie")).isNull();
    }

    @Test
    void refreshWithCookieAndWebHeaderReturnsAccessToken() {
        String cookie = cookieValue(webLogin(newUser(Role.VIEWER)));

        TestClient.Response refreshed = api.post(
                "/api/auth/token/refresh/",
                "{}",
                "Cookie",
                COOKIE + "=" + cookie,
                "X-Claribi-Client",
                "web",
                "Origin",
                origin(),
                "Sec-Fetch-Site",
                "same-origin");

        assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
        assertThat(refreshed.json().has("refresh")).isFalse();
        String access = refreshed.json().path("access").asString();
        assertThat(api.get("/api/auth/status/", "Authorization", TestClient.bearer(access))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void refreshWithCookieWhenWebHeaderMissingThenForbidden() {
        String cookie = cookieValue(webLogin(newUser(Role.VIEWER)));

        TestClient.Response refreshed =
                api.post("/api/auth/token/refresh/", "{}", "Cookie", COOKIE + "=" + cookie, "Origin", origin());

        assertThat(refreshed.status()).isEqualTo(403);
        assertThat(refreshed.error()).isEqualTo("permission_denied");
        assertThat(refreshed.json().has("access")).isFalse();
    }

    @Test
    void refreshWithCookieWhenOriginForeignThenForbidden() {
        String cookie = cookieValue(webLogin(newUser(Role.VIEWER)));

        TestClient.Response refreshed = api.post(
                "/api/auth/token/refresh/",
                "{}",
                "Cookie",
                COOKIE + "=" + cookie,
                "X-Claribi-Client",
                "web",
                "Origin",
                "https://evil.example");

        assertThat(refreshed.status()).isEqualTo(403);
        assertThat(refreshed.error()).isEqualTo("permission_denied");
    }

    @Test
    void refreshWithCookieWhenFetchIsCrossSiteThenForbidden() {
        String cookie = cookieValue(webLogin(newUser(Role.VIEWER)));

        TestClient.Response refreshed = api.post(
                "/api/auth/token/refresh/",
                "{}",
                "Cookie",
                COOKIE + "=" + cookie,
                "X-Claribi-Client",
                "web",
                "Sec-Fetch-Site",
                "cross-site");

        assertThat(refreshed.status()).isEqualTo(403);
        assertThat(refreshed.error()).isEqualTo("permission_denied");
    }

    @Test
    void refreshFromWebClientWithoutCookieThenNotAuthenticated() {
        TestClient.Response refreshed =
                api.post("/api/auth/token/refresh/", "{}", "X-Claribi-Client", "web", "Origin", origin());

        assertThat(refreshed.status()).isEqualTo(401);
        assertThat(refreshed.error()).isEqualTo("not_authenticated");
    }

    @Test
    void refreshWithoutBodyTokenOrCookieKeepsTheValidationError() {
        TestClient.Response refreshed = api.post("/api/auth/token/refresh/", "{}");

        assertThat(refreshed.status()).isEqualTo(400);
        assertThat(refreshed.error()).isEqualTo("validation_error");
        assertThat(refreshed.json().path("fields").has("refresh")).isTrue();
    }

    @Test
    void logoutWithCookieClearsItAndEndsTheSession() {
        TestClient.Response login = webLogin(newUser(Role.VIEWER));
        String cookie = cookieValue(login);
        String access = login.json().path("access").asString();

        TestClient.Response logout = api.post(
                "/api/auth/logout/",
                "{}",
                "Cookie",
                COOKIE + "=" + cookie,
                "X-Claribi-Client",
                "web",
                "Origin",
                origin());

        assertThat(logout.status()).isEqualTo(204);
        String cleared = logout.header("Set-Cookie");
        assertThat(cleared).startsWith(COOKIE + "=;");
        assertThat(cleared.split(";\\s*")).contains("Max-Age=0", "Path=/api/auth/", "HttpOnly", "Secure");
        assertThat(api.get("/api/auth/status/", "Authorization", TestClient.bearer(access))
                        .status())
                .isEqualTo(401);
        TestClient.Response refreshed = api.post(
                "/api/auth/token/refresh/",
                "{}",
                "Cookie",
                COOKIE + "=" + cookie,
                "X-Claribi-Client",
                "web",
                "Origin",
                origin());
        assertThat(refreshed.status()).isEqualTo(401);
        assertThat(refreshed.header("Set-Cookie")).contains("Max-Age=0");
    }

    @Test
    void logoutWithBearerFromWebClientAlsoClearsTheCookie() {
        TestClient.Response login = webLogin(newUser(Role.VIEWER));
        String access = login.json().path("access").asString();

        TestClient.Response logout = api.post(
                "/api/auth/logout/",
                "{}",
                "Authorization",
                TestClient.bearer(access),
                "X-Claribi-Client",
                "web",
                "Origin",
                origin());

        assertThat(logout.status()).isEqualTo(204);
        assertThat(logout.header("Set-Cookie")).contains("Max-Age=0");
        assertThat(api.get("/api/auth/status/", "Authorization", TestClient.bearer(access))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void logoutWithCookieWhenWebHeaderMissingThenNotUsed() {
        TestClient.Response login = webLogin(newUser(Role.VIEWER));
        String cookie = cookieValue(login);

        TestClient.Response logout = api.post("/api/auth/logout/", "{}", "Cookie", COOKIE + "=" + cookie);

        assertThat(logout.status()).isEqualTo(403);
        assertThat(api.get(
                                "/api/auth/status/",
                                "Authorization",
                                TestClient.bearer(login.json().path("access").asString()))
                        .status())
                .isEqualTo(200);
    }
}
