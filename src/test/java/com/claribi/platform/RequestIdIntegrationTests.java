package com.claribi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.BehindTrustedProxy;
import com.claribi.support.ServerIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code X-Request-Id} behind a trusted proxy: the proxy's id is kept when it is well formed, replaced by a new one
 * when it could break a log line, and a request without one gets one; every answer carries it, refusals included.
 * (From a client that is not a trusted proxy, see {@code OperationsIntegrationTests}.)
 */
@BehindTrustedProxy
@ExtendWith(OutputCaptureExtension.class)
class RequestIdIntegrationTests extends ServerIntegrationTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void requestIdWhenTrustedProxySendsOneThenEchoed() throws Exception {
        String id = "4f2a9c:1a2b_3c/d+e=f.g-h";
        assertThat(requestId("/api/health/", id)).isEqualTo(id);
        assertThat(requestId("/api/auth/status/", id)).as("a 401 too").isEqualTo(id);
    }

    @Test
    void requestIdWhenNoneSentThenGenerated() throws Exception {
        String first = requestId("/api/health/", null);
        assertThat(first).matches(UUID);
        assertThat(requestId("/api/health/", null)).matches(UUID).isNotEqualTo(first);
    }

    @Test
    void requestIdWhenMalformedThenReplaced() throws Exception {
        for (String bad : new String[] {"two words", "<script>", "a\"quote", "x".repeat(129), "%0d%0aforged", "é"}) {
            assertThat(requestId("/api/health/", bad)).as(bad).matches(UUID);
        }
        assertThat(requestId("/api/health/", "x".repeat(128))).isEqualTo("x".repeat(128));
    }

    @Test
    void accessLogWhenPlainThenOneLineWithTheRequestIdInFront(CapturedOutput output) throws Exception {
        String id = "plain-" + java.util.UUID.randomUUID();
        requestId("/api/dashboards/?page=2", id);
        String line = output.getOut()
                .lines()
                .filter(text -> text.contains("com.claribi.access") && text.contains(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no access-log line for " + id + " in:\n" + output.getOut()));
        assertThat(line)
                .contains("[" + id + "] ")
                .contains(": GET /api/dashboards/ 401 ")
                .contains(" principal=- client=")
                .endsWith(" request=" + id)
                .doesNotContain("page=2");
    }

    private String requestId(String path, @Nullable String sent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-Forwarded-Proto", "https");
        if (sent != null) {
            request.header("X-Request-Id", sent);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.headers().firstValue("X-Request-Id").orElseThrow();
    }
}
