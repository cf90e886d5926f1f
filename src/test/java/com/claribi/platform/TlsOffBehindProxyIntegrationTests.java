package com.claribi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.BehindTrustedProxy;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code CLARIBI_TLS=off} behind a TLS-terminating proxy: a request counts as HTTPS only when a trusted proxy says so
 * with {@code X-Forwarded-Proto: https}; links and the web interface's {@code Origin} check use the host and port the
 * proxy publishes ({@code X-Forwarded-Host}, {@code X-Forwarded-Port}).
 */
@BehindTrustedProxy
class TlsOffBehindProxyIntegrationTests extends ServerIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void apiWhenTrustedProxyForwardsHttpsThenServed() throws Exception {
        HttpResponse<String> response = get("/api/health/", "https");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
    }

    @Test
    void apiWhenProxyForwardsPlainHttpThenHttpsRequired() throws Exception {
        HttpResponse<String> response = get("/api/health/", "http");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(TestClient.JSON.readTree(response.body()).path("error").asString())
                .isEqualTo("https_required");
    }

    @Test
    void apiWhenNoForwardedProtoThenHttpsRequired() throws Exception {
        HttpResponse<String> response = get("/api/health/", null);
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void pageWhenPlainHttpThenRedirectedToHttpsWithoutInternalPort() throws Exception {
        HttpResponse<String> response = get("/settings/", null);
        assertThat(response.statusCode()).isEqualTo(308);
        assertThat(response.headers().firstValue("Location")).hasValue("https://localhost/settings/");
    }

    @Test
    void pageRedirectUsesTheHostTheProxyForwards() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/settings/"))
                        .header("X-Forwarded-Host", "claribi.example.com")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(308);
        assertThat(response.headers().firstValue("Location")).hasValue("https://claribi.example.com/settings/");
    }

    @Test
    void webLoginWhenProxyPublishesAnotherHostAndPortThenItsOriginAccepted() throws Exception {
        HttpResponse<String> response = webLogin(
                "https://claribi.example.com:8443",
                "X-Forwarded-Host",
                "claribi.example.com",
                "X-Forwarded-Port",
                "8443");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().allValues("Set-Cookie")).hasSize(2);
    }

    @Test
    void webLoginWhenForwardedHostCarriesThePortThenItsOriginAccepted() throws Exception {
        HttpResponse<String> response =
                webLogin("https://claribi.example.com:9443", "X-Forwarded-Host", "claribi.example.com:9443");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void webLoginWhenForwardedHostIsIpv6ThenBracketedOnce() throws Exception {
        HttpResponse<String> response =
                webLogin("https://[2001:db8::7]:9443", "X-Forwarded-Host", "[2001:db8::7]:9443");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void webLoginWhenOriginIsTheInternalHostBehindAForwardedHostThenForbidden() throws Exception {
        HttpResponse<String> response =
                webLogin("https://localhost:" + port, "X-Forwarded-Host", "claribi.example.com");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(TestClient.JSON.readTree(response.body()).path("error").asString())
                .isEqualTo("permission_denied");
    }

    @Test
    void webLoginWhenForwardedHostMalformedThenIgnored() throws Exception {
        HttpResponse<String> response = webLogin("https://evil.example", "X-Forwarded-Host", "evil.example/x");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(webLogin("https://localhost", "X-Forwarded-Host", "evil.example/x")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void listLinksUseTheForwardedHostAndPort() throws Exception {
        Account admin = newUser(Role.ADMINISTRATOR);
        newUserInOrganization(admin.user().organizationId(), Role.VIEWER);
        HttpResponse<String> login = send(
                "POST",
                "/api/auth/login/",
                TestClient.JSON.writeValueAsString(Map.of("email", admin.email(), "password", admin.password())));
        String access = TestClient.JSON.readTree(login.body()).path("access").asString();

        HttpResponse<String> page = send(
                "GET",
                "/api/users/?page_size=1",
                null,
                "Authorization",
                TestClient.bearer(access),
                "X-Forwarded-Host",
                "claribi.example.com",
                "X-Forwarded-Port",
                "8443");

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(TestClient.JSON.readTree(page.body()).path("next").asString())
                .startsWith("https://claribi.example.com:8443/api/users/?");
    }

    private HttpResponse<String> webLogin(String origin, String... headers) throws Exception {
        Account account = newUser(Role.VIEWER);
        String[] all = new String[headers.length + 4];
        all[0] = "X-Claribi-Client";
        all[1] = "web";
        all[2] = "Origin";
        all[3] = origin;
        System.arraycopy(headers, 0, all, 4, headers.length);
        return send(
                "POST",
                "/api/auth/login/",
                TestClient.JSON.writeValueAsString(Map.of("email", account.email(), "password", account.password())),
                all);
    }

    /** A request as the trusted proxy forwards an HTTPS one. */
    private HttpResponse<String> send(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("X-Forwarded-Proto", "https");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String forwardedProto) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (forwardedProto != null) {
            request.header("X-Forwarded-Proto", forwardedProto);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
