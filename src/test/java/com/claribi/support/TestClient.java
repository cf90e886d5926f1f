package com.claribi.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTPS client for the server under test that trusts exactly its generated certificate, as a user's client with
 * {@code --cacert data/tls/cert.pem} would.
 */
public final class TestClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final String baseUrl;

    public TestClient(String baseUrl, Path certificate) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder()
                .sslContext(trusting(certificate))
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** An answer: status, headers and the body parsed as JSON (a missing node when the body is empty). */
    public record Response(int status, java.net.http.HttpHeaders headers, String text) {

        public JsonNode json() {
            return text.isEmpty() ? JSON.missingNode() : JSON.readTree(text);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String error() {
            return json().path("error").asString();
        }
    }

    public Response get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    public Response post(String path, Object body, String... headers) {
        String json = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                headers);
    }

    public Response send(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).method(method, body), headers);
    }

    public Response send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        request.timeout(Duration.ofSeconds(30));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Logs in and returns the {@code access} and {@code refresh} tokens. */
    public Map<String, String> login(String email, String password) {
        Response response = post("/api/auth/login/", Map.of("email", email, "password", password));
        if (response.status() != 200) {
            throw new AssertionError("login failed: " + response.status() + " " + response.text());
        }
        return Map.of(
                "access", response.json().path("access").asString(),
                "refresh", response.json().path("refresh").asString());
    }

    /**
     * Signs {@code account} in and returns the {@code Authorization} header value of its new session: {@code
     * api.get(path, "Authorization", api.as(admin))}.
     */
    public String as(ServerIntegrationTest.Account account) {
        return as(account.email(), account.password());
    }

    /** {@link #as(ServerIntegrationTest.Account)} for an account known by its email and password. */
    public String as(String email, String password) {
        return bearer(login(email, password).get("access"));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : baseUrl + path);
    }

    public static SSLContext trusting(Path certificate) {
        try (InputStream in = Files.newInputStream(certificate)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry(
                    "claribi", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
