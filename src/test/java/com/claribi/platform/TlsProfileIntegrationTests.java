package com.claribi.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * The HTTPS port speaks Mozilla's "intermediate" TLS profile: TLS 1.2 and 1.3 only, AEAD suites only, the server's
 * order of preference, the groups X25519, P-256 and P-384. The JDK's client offers exactly the suites and groups each
 * test names; TLS 1.0 and 1.1, which the JDK will not offer at all, are offered by OpenSSL's {@code s_client}.
 */
class TlsProfileIntegrationTests extends ServerIntegrationTest {

    private static final String ECDSA_CBC = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";
    private static final String ECDSA_AES_128_GCM = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final String ECDSA_CHACHA20 = "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";

    @Test
    void handshakeOfferingOnlyCbcSuitesThenRefused() {
        assertThatThrownBy(() -> handshake(
                        "TLSv1.2",
                        List.of(
                                ECDSA_CBC,
                                "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
                                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
                                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
                        null))
                .isInstanceOf(SSLException.class);
    }

    @Test
    void handshakeOfferingCbcSuiteFirstAndGcmSecondThenGcm() throws IOException {
        assertThat(handshake("TLSv1.2", List.of(ECDSA_CBC, ECDSA_AES_128_GCM), null)
                        .getCipherSuite())
                .isEqualTo(ECDSA_AES_128_GCM);
    }

    @Test
    void handshakeOfferingChachaFirstAndAesGcmSecondThenServerOrderPicksAesGcm() throws IOException {
        assertThat(handshake("TLSv1.2", List.of(ECDSA_CHACHA20, ECDSA_AES_128_GCM), null)
                        .getCipherSuite())
                .isEqualTo(ECDSA_AES_128_GCM);
    }

    @Test
    void handshakeWithTls13ThenServerOrderPicksAes128Gcm() throws IOException {
        SSLSession session = handshake(
                "TLSv1.3",
                List.of("TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"),
                null);
        assertThat(session.getProtocol()).isEqualTo("TLSv1.3");
        assertThat(session.getCipherSuite()).isEqualTo("TLS_AES_128_GCM_SHA256");
    }

    @Test
    void handshakeOfferingOnlyGroupsOutsideTheProfileThenRefused() {
        assertThatThrownBy(() -> handshake("TLSv1.3", List.of("TLS_AES_128_GCM_SHA256"), new String[] {"secp521r1"}))
                .isInstanceOf(SSLException.class);
        assertThatThrownBy(() -> handshake("TLSv1.3", List.of("TLS_AES_128_GCM_SHA256"), new String[] {"ffdhe2048"}))
                .isInstanceOf(SSLException.class);
    }

    @Test
    void handshakeWithTls11ThenRefused() throws Exception {
        OpenSsl result = openSslClient("-tls1_1");
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).doesNotContain("Cipher is ECDHE");
    }

    @Test
    void handshakeWithTls10ThenRefused() throws Exception {
        OpenSsl result = openSslClient("-tls1");
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).doesNotContain("Cipher is ECDHE");
    }

    @Test
    void handshakeWithTls12FromOpenSslThenAccepted() throws Exception {
        OpenSsl result = openSslClient("-tls1_2");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Cipher is ECDHE-ECDSA-AES128-GCM-SHA256");
    }

    @Test
    void plainHttpPortStillRedirectsToHttps() throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(308);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).startsWith("https://localhost:" + port));
    }

    /** A TLS handshake offering exactly {@code suites}, in that order, and {@code groups} when given. */
    private SSLSession handshake(String protocol, List<String> suites, String[] groups) throws IOException {
        try (SSLSocket socket = (SSLSocket) TestClient.trusting(DATA_DIR.resolve("tls/cert.pem"))
                .getSocketFactory()
                .createSocket("localhost", port)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(new String[] {protocol});
            parameters.setCipherSuites(suites.toArray(String[]::new));
            if (groups != null) {
                parameters.setNamedGroups(groups);
            }
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return socket.getSession();
        }
    }

    private record OpenSsl(int exitCode, String output) {}

    /** OpenSSL's client at security level 0, so that it offers what it is told to, with {@code options}. */
    private OpenSsl openSslClient(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("openssl", "s_client", "-connect", "localhost:" + port, "-cipher", "DEFAULT@SECLEVEL=0"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(Duration.ofSeconds(20).toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("openssl s_client did not end");
        }
        return new OpenSsl(
                process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
