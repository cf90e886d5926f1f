package com.claribi.token;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.net.HttpCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The web interface's refresh cookie over plain HTTP requests: set by a login with {@code X-Claribi-Client: web},
 * used by refresh only from our own pages, cleared by logout; API clients keep the body tokens unchanged.
 */
class WebClientCookieIntegrationTests extends ServerIntegrationTest {

    private static final String COOKIE = "__Secure-claribi-refresh";
    private static final String BINDING = "__Host-claribi-refresh-binding";

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
        return setCookieValue(response, COOKIE);
    }

    /** The Set-Cookie header of the answer for the named cookie. */
    private static String setCookie(TestClient.Response response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith(name + "="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Set-Cookie for " + name + " in " + response.headers()));
    }

    private static String setCookieValue(TestClient.Response response, String name) {
        List<HttpCookie> cookies = HttpCookie.parse(setCookie(response, name));
        return cookies.getFirst().getValue();
    }

    /** The Cookie header a browser sends to /api/auth/ after the answer: the refresh cookie and its binding. */
    private static String cookies(TestClient.Response login) {
        return COOKIE + "=" + cookieValue(login) + "; " + BINDING + "=" + setCookieValue(login, BINDING);
    }

    private static String binding(String refreshToken) throws Exception {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.UTF_8)));
    }

    private TestClient.Response webPost(String path, String cookieHeader) {
        return api.post(
                path,
                "{}",
                "Cookie",
                cookieHeader,
                "X-Claribi-Client",
                "web",
                "Origin",
                origin(),
                "Sec-Fetch-Site",
                "same-origin");
    }

    private static void assertClearsBoth(TestClient.Response response) {
        assertThat(setCookie(response, COOKIE).split(";\\s*")).contains("Max-Age=0", "Path=/api/auth/");
        assertThat(setCookie(response, BINDING).split(";\\s*")).contains("Max-Age=0", "Path=/");
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
    void loginFromWebClientSetsHostOnlyBindingCookieWithTheHashOfTheRefreshToken() throws Exception {
        TestClient.Response login = webLogin(newUser(Role.VIEWER));

        String header = setCookie(login, BINDING);
        assertThat(header.split(";\\s*"))
                .contains("HttpOnly", "Secure", "SameSite=Strict", "Path=/", "Max-Age=604800")
                .noneMatch(attribute ->
                        attribute.toLowerCase(java.util.Locale.ROOT).startsWith("domain="));
        assertThat(setCookieValue(login, BINDING)).isEqualTo(binding(cookieValue(login)));
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

        assertThat(login).isError(403, "permission_denied");
        assertThat(login.header("Set-Cookie")).isNull();
    }

    @Test
    void refreshWithCookieKeepsAuthTimeAndTheFreshOneAfterReauthentication() throws Exception {
        Account account = newUser(Role.VIEWER);
        TestClient.Response login = webLogin(account);
        long loggedIn = ReauthenticationIntegrationTests.authTime(
                login.json().path("access").asString());
        ReauthenticationIntegrationTests.pause(1100);
        TestClient.Response refreshed = webPost("/api/auth/token/refresh/", cookies(login));
        assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
        assertThat(ReauthenticationIntegrationTests.authTime(
                        refreshed.json().path("access").asString()))
                .isEqualTo(loggedIn);
        TestClient.Response reauthenticated = api.post(
                "/api/auth/reauthenticate/",
                Map.of("password", account.password()),
                "Authorization",
                TestClient.bearer(refreshed.json().path("access").asString()));
        assertThat(reauthenticated.status()).as(reauthenticated.text()).isEqualTo(200);
        long proved = ReauthenticationIntegrationTests.authTime(
                reauthenticated.json().path("access").asString());
        assertThat(proved).isGreaterThan(loggedIn);
        TestClient.Response again = webPost("/api/auth/token/refresh/", cookies(login));
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(ReauthenticationIntegrationTests.authTime(
                        again.json().path("access").asString()))
                .isEqualTo(proved);
    }

    @Test
    void refreshWithCookieAndWebHeaderReturnsAccessToken() {
        TestClient.Response refreshed = webPost("/api/auth/token/refresh/", cookies(webLogin(newUser(Role.VIEWER))));

        assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
        assertThat(refreshed.json().has("refresh")).isFalse();
        String access = refreshed.json().path("access").asString();
        assertThat(api.get("/api/auth/status/", "Authorization", TestClient.bearer(access))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void refreshWhenTwoRefreshCookiesThenRefusedAndBothCleared() {
        // A sibling host of the same domain can add a refresh cookie of its own (Domain=, a longer Path): the
        // browser then sends two, and neither is used.
        TestClient.Response victim = webLogin(newUser(Role.VIEWER));
        TestClient.Response attacker = webLogin(newUser(Role.VIEWER));

        TestClient.Response refreshed =
                webPost("/api/auth/token/refresh/", COOKIE + "=" + cookieValue(attacker) + "; " + cookies(victim));

        assertThat(refreshed).isError(401, "invalid_token");
        assertThat(refreshed.json().has("access")).isFalse();
        assertClearsBoth(refreshed);
    }

    @Test
    void refreshWhenRefreshCookieHasNoBindingThenRefused() {
        TestClient.Response refreshed =
                webPost("/api/auth/token/refresh/", COOKIE + "=" + cookieValue(webLogin(newUser(Role.VIEWER))));

        assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(401);
        assertThat(refreshed.json().has("access")).isFalse();
        assertClearsBoth(refreshed);
    }

    @Test
    void refreshWhenBindingIsOfAnotherRefreshTokenThenRefused() {
        // The attacker's planted refresh cookie, with the victim's own (genuine) binding cookie.
        TestClient.Response victim = webLogin(newUser(Role.VIEWER));
        TestClient.Response attacker = webLogin(newUser(Role.VIEWER));

        TestClient.Response refreshed = webPost(
                "/api/auth/token/refresh/",
                COOKIE + "=" + cookieValue(attacker) + "; " + BINDING + "=" + setCookieValue(victim, BINDING));

        assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(401);
        assertThat(refreshed.json().has("access")).isFalse();
        assertClearsBoth(refreshed);
    }

    @Test
    void logoutWhenRefreshCookieUnboundThenRefusedAndSessionKept() {
        TestClient.Response victim = webLogin(newUser(Role.VIEWER));
        TestClient.Response attacker = webLogin(newUser(Role.VIEWER));

        TestClient.Response logout = webPost(
                "/api/auth/logout/",
                COOKIE + "=" + cookieValue(attacker) + "; " + BINDING + "=" + setCookieValue(victim, BINDING));

        assertThat(logout.status()).isEqualTo(401);
        assertClearsBoth(logout);
        assertThat(webPost("/api/auth/token/refresh/", cookies(attacker)).status())
                .isEqualTo(200);
    }

    @Test
    void logoutFromWebClientWithABadCookieStillClearsBothCookies() throws Exception {
        // Not a token, yet correctly bound: the session cannot be ended, but the browser must forget the cookies.
        String garbage = "not-a-refresh-token";

        TestClient.Response logout =
                webPost("/api/auth/logout/", COOKIE + "=" + garbage + "; " + BINDING + "=" + binding(garbage));

        assertThat(logout.status()).isEqualTo(401);
        assertClearsBoth(logout);
    }

    @Test
    void webLoginOverAnotherSessionsCookieEndsThatSession() {
        TestClient.Response first = webLogin(newUser(Role.VIEWER));
        String firstAccess = first.json().path("access").asString();
        Account second = newUser(Role.VIEWER);

        TestClient.Response login = api.post(
                "/api/auth/login/",
                Map.of("email", second.email(), "password", second.password()),
                "Cookie",
                cookies(first),
                "X-Claribi-Client",
                "web",
                "Origin",
                origin());

        assertThat(login.status()).isEqualTo(200);
        assertThat(webPost("/api/auth/token/refresh/", cookies(first)).status()).isEqualTo(401);
        assertThat(api.get("/api/auth/status/", "Authorization", TestClient.bearer(firstAccess))
                        .status())
                .isEqualTo(401);
        assertThat(webPost("/api/auth/token/refresh/", cookies(login)).status()).isEqualTo(200);
    }

    @Test
    void webLoginWithWrongPasswordKeepsTheSessionItArrivedWith() {
        TestClient.Response first = webLogin(newUser(Role.VIEWER));
        Account second = newUser(Role.VIEWER);

        TestClient.Response login = api.post(
                "/api/auth/login/",
                Map.of("email", second.email(), "password", "wrong-" + second.password()),
                "Cookie",
                cookies(first),
                "X-Claribi-Client",
                "web",
                "Origin",
                origin());

        assertThat(login.status()).isEqualTo(401);
        assertThat(webPost("/api/auth/token/refresh/", cookies(first)).status()).isEqualTo(200);
    }

    @Test
    void refreshWithCookieWhenWebHeaderMissingThenForbidden() {
        String cookie = cookieValue(webLogin(newUser(Role.VIEWER)));

        TestClient.Response refreshed =
                api.post("/api/auth/token/refresh/", "{}", "Cookie", COOKIE + "=" + cookie, "Origin", origin());

        assertThat(refreshed).isError(403, "permission_denied");
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

        assertThat(refreshed).isError(403, "permission_denied");
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

        assertThat(refreshed).isError(403, "permission_denied");
    }

    @Test
    void refreshFromWebClientWithoutCookieThenNotAuthenticated() {
        TestClient.Response refreshed =
                api.post("/api/auth/token/refresh/", "{}", "X-Claribi-Client", "web", "Origin", origin());

        assertThat(refreshed).isError(401, "not_authenticated");
    }

    @Test
    void refreshWithoutBodyTokenOrCookieKeepsTheValidationError() {
        TestClient.Response refreshed = api.post("/api/auth/token/refresh/", "{}");

        assertThat(refreshed).isError(400, "validation_error");
        assertThat(refreshed.json().path("fields").has("refresh")).isTrue();
    }

    @Test
    void logoutWithCookieClearsItAndEndsTheSession() {
        TestClient.Response login = webLogin(newUser(Role.VIEWER));
        String access = login.json().path("access").asString();

        TestClient.Response logout = webPost("/api/auth/logout/", cookies(login));

        assertThat(logout.status()).isEqualTo(204);
        String cleared = setCookie(logout, COOKIE);
        assertThat(cleared).startsWith(COOKIE + "=;");
        assertThat(cleared.split(";\\s*")).contains("Max-Age=0", "Path=/api/auth/", "HttpOnly", "Secure");
        assertClearsBoth(logout);
        assertThat(api.get("/api/auth/status/", "Authorization", TestClient.bearer(access))
                        .status())
                .isEqualTo(401);
        TestClient.Response refreshed = webPost("/api/auth/token/refresh/", cookies(login));
        assertThat(refreshed.status()).isEqualTo(401);
        assertClearsBoth(refreshed);
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
        assertClearsBoth(logout);
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
