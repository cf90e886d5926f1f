package com.claribi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.ServerIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** With TLS off, the forwarded headers of an address that is not a trusted proxy are ignored. */
@TestPropertySource(properties = {"claribi.tls=off", "claribi.trusted-proxies=10.9.8.0/24"})
class UntrustedProxyIntegrationTests extends ServerIntegrationTest {

    @Test
    void apiWhenUntrustedClientClaimsHttpsThenHttpsRequired() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/health/"))
                                .header("X-Forwarded-Proto", "https")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("https_required");
    }

    @Test
    void pageRedirectWhenUntrustedClientSendsForwardedHostThenIgnored() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/settings/"))
                                .header("X-Forwarded-Host", "evil.example")
                                .header("X-Forwarded-Port", "4444")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(308);
        assertThat(response.headers().firstValue("Location")).hasValue("https://localhost/settings/");
    }
}
