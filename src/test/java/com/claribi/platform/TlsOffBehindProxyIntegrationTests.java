package com.claribi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code CLARIBI_TLS=off} behind a TLS-terminating proxy: a request counts as HTTPS only when a trusted proxy says so
 * with {@code X-Forwarded-Proto: https}.
 */
@TestPropertySource(properties = {"claribi.tls=off", "claribi.trusted-proxies=127.0.0.1/32, ::1/128"})
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

    private HttpResponse<String> get(String path, String forwardedProto) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (forwardedProto != null) {
            request.header("X-Forwarded-Proto", forwardedProto);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
