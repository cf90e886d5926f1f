package com.claribi.platform;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/** The conventions every endpoint shares: HTTPS only, one error format, JSON only, size limits, headers. */
class ConventionsIntegrationTests extends ServerIntegrationTest {

    @Test
    void healthAnswersWithAndWithoutFinalSlash() {
        for (String path : new String[] {"/api/health/", "/api/health"}) {
            TestClient.Response response = api.get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.json().path("status").asString()).isEqualTo("ok");
        }
    }

    @Test
    void apiOverPlainHttpThenHttpsRequired() throws Exception {
        HttpResponse<String> response = plainHttp("/api/health/");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(TestClient.JSON.readTree(response.body()).path("error").asString())
                .isEqualTo("https_required");
        HttpResponse<String> login = plainHttp("/api/auth/login/");
        assertThat(login.statusCode()).isEqualTo(403);
    }

    @Test
    void otherPathsOverPlainHttpRedirectPermanentlyToHttps() throws Exception {
        HttpResponse<String> response = plainHttp("/settings/security?tab=keys");
        assertThat(response.statusCode()).isEqualTo(308);
        assertThat(response.headers().firstValue("Location"))
                .hasValue("https://localhost:" + port + "/settings/security?tab=keys");
    }

    @Test
    void httpsResponsesCarryHstsAndNosniff() {
        TestClient.Response response = api.get("/api/health/");
        assertThat(response.header("Strict-Transport-Security")).contains("max-age=31536000");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void tokenResponsesAreNotCached() {
        Account account = newUser(Role.VIEWER);
        TestClient.Response login =
                api.post("/api/auth/login/", Map.of("email", account.email(), "password", account.password()));
        assertThat(login.header("Cache-Control")).contains("no-store");
        TestClient.Response refresh = api.post(
                "/api/auth/token/refresh/",
                Map.of("refresh", login.json().path("refresh").asString()));
        assertThat(refresh.header("Cache-Control")).contains("no-store");
    }

    @Test
    void bodyNotJsonThenUnsupportedMediaType() {
        TestClient.Response response = api.send(
                "POST",
                "/api/auth/login/",
                HttpRequest.BodyPublishers.ofString("email=a&password=b"),
                "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(response).isError(415, "unsupported_media_type").hasDetail();
    }

    @Test
    void malformedJsonThenBadRequest() {
        TestClient.Response response = api.post("/api/auth/login/", "{\"email\": ");
        assertThat(response).isError(400, "bad_request").hasDetail();
    }

    @Test
    void wrongTypeThenValidationErrorNamingTheField() {
        TestClient.Response response =
                api.post("/api/auth/login/", "{\"email\": {\"nested\": true}, \"password\": \"x\"}");
        assertThat(response).isError(400, "validation_error").hasDetail();
        assertThat(response.json().path("fields").has("email")).isTrue();
        TestClient.Response number = api.post("/api/auth/login/", "{\"email\": 12, \"password\": \"x\"}");
        assertThat(number).isError(400, "validation_error");
    }

    @Test
    void missingFieldsThenValidationErrorListingEach() {
        TestClient.Response response = api.post("/api/auth/login/", "{}");
        assertThat(response).isError(400, "validation_error").hasDetail();
        assertThat(response.json().path("fields").has("email")).isTrue();
        assertThat(response.json().path("fields").has("password")).isTrue();
    }

    @Test
    void bodyNotAnObjectThenBadRequest() {
        for (String body : new String[] {"[]", "\"text\"", "42", "null", ""}) {
            TestClient.Response response = api.post("/api/auth/login/", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.json().path("error").asString()).as(body).isIn("bad_request", "validation_error");
        }
    }

    @Test
    void bodyOverOneMebibyteThenPayloadTooLarge() {
        String big = "{\"email\": \"" + "a".repeat(1024 * 1024) + "\", \"password\": \"x\"}";
        TestClient.Response response = api.post("/api/auth/login/", big);
        assertThat(response).isError(413, "payload_too_large").hasDetail();
    }

    @Test
    void chunkedBodyOverOneMebibyteThenPayloadTooLarge() throws IOException {
        String big = "{\"email\": \"" + "a".repeat(1024 * 1024) + "\", \"password\": \"x\"}";
        try (SSLSocket socket = (SSLSocket) TestClient.trusting(DATA_DIR.resolve("tls/cert.pem"))
                .getSocketFactory()
                .createSocket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/auth/login/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] bytes = big.getBytes(StandardCharsets.US_ASCII);
            for (int offset = 0; offset < bytes.length; offset += 8192) {
                int length = Math.min(8192, bytes.length - offset);
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes, offset, length);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("\"error\":\"payload_too_large\"");
        }
    }

    @Test
    void unknownPathThenNotFoundInErrorFormat() {
        Account account = newUser(Role.VIEWER);
        String access = api.login(account.email(), account.password()).get("access");
        TestClient.Response response = api.get("/api/no-such-thing/", "Authorization", TestClient.bearer(access));
        assertThat(response).isError(404, "not_found").hasDetail();
        TestClient.Response outside = api.get("/no-such-page");
        assertThat(outside).isError(404, "not_found").hasDetail();
    }

    @Test
    void wrongMethodThenMethodNotAllowed() {
        TestClient.Response response = api.send("DELETE", "/api/health/", HttpRequest.BodyPublishers.noBody());
        assertThat(response).isError(405, "method_not_allowed").hasDetail();
        assertThat(response.header("Allow")).contains("GET");
    }

    @Test
    void protectedEndpointWithoutCredentialsThenNotAuthenticated() {
        TestClient.Response response = api.get("/api/auth/status/");
        assertThat(response).isError(401, "not_authenticated").hasDetail();
    }

    @Test
    void malformedRequestLineAnsweredInErrorFormatWithoutServerDetails() throws IOException {
        SSLSocketFactory factory =
                TestClient.trusting(DATA_DIR.resolve("tls/cert.pem")).getSocketFactory();
        for (String target : new String[] {"/api/%zz", "/api/auth/status/;x=%00", "/api/../../etc/passwd"}) {
            try (SSLSocket socket = (SSLSocket) factory.createSocket("localhost", port)) {
                socket.getOutputStream()
                        .write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).as(target).matches("(?s)HTTP/1.1 4\\d\\d.*");
                assertThat(answer).as(target).contains("\"error\":");
                assertThat(answer).as(target).doesNotContain("Tomcat", "<html", "Exception", "at com.");
            }
        }
    }

    @Test
    void onlyTls12AndNewerOffered() throws IOException {
        SSLSocketFactory factory =
                TestClient.trusting(DATA_DIR.resolve("tls/cert.pem")).getSocketFactory();
        try (SSLSocket socket = (SSLSocket) factory.createSocket("localhost", port)) {
            socket.setEnabledProtocols(new String[] {"TLSv1.1"});
            org.assertj.core.api.Assertions.assertThatThrownBy(socket::startHandshake)
                    .isInstanceOf(IOException.class);
        } catch (IllegalArgumentException unsupportedByClient) {
            // This JDK cannot even offer TLS 1.1: nothing older than 1.2 can be negotiated at all.
        }
        try (SSLSocket socket = (SSLSocket) factory.createSocket("localhost", port)) {
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isIn("TLSv1.2", "TLSv1.3");
        }
    }

    private HttpResponse<String> plainHttp(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
