package com.claribi.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Requests to a server started with {@code claribi.tls=off} that trusts 127.0.0.1 as its TLS-terminating proxy, sent
 * as that proxy forwards them: {@code X-Forwarded-Proto: https} and the client's address in {@code X-Forwarded-For}.
 */
public final class ProxiedClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public ProxiedClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A GET from the client at {@code forwardedFor} (a header value, passed on as the proxy got it). */
    public TestClient.Response get(String path, String forwardedFor, String... headers) {
        return send("GET", path, null, forwardedFor, headers);
    }

    /** Signs in from {@code forwardedFor}; the access token as an {@code Authorization} value. */
    public String signIn(String email, String password, String forwardedFor) {
        TestClient.Response login = send(
                "POST",
                "/api/auth/login/",
                TestClient.JSON.writeValueAsString(Map.of("email", email, "password", password)),
                forwardedFor);
        if (login.status() != 200) {
            throw new IllegalStateException("login failed: " + login.text());
        }
        return TestClient.bearer(login.json().path("access").asString());
    }

    public TestClient.Response send(String method, String path, String body, String forwardedFor, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-For", forwardedFor);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new TestClient.Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
