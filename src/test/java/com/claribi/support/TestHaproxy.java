package com.claribi.support;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * HAProxy from the machine's package ({@code apt-get install haproxy}) running the reference configuration, {@code
 * deploy/haproxy.cfg}, as is: on a free port of 127.0.0.1, with a self-signed certificate for {@code localhost}
 * generated here, in front of the servers that {@code environment} names ({@code CLARIBI_SERVER_1}, ...); its output
 * goes to a file under {@code target/process-logs/}.
 */
public final class TestHaproxy implements AutoCloseable {

    public static final Path INSTALLED = Path.of("/usr/sbin/haproxy");
    public static final Path CONFIGURATION = Path.of("deploy", "haproxy.cfg");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Path log;
    private final int port;
    private final Path certificate;

    private TestHaproxy(Process process, Path log, int port, Path certificate) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.certificate = certificate;
    }

    /** Checks the configuration, starts HAProxy and waits until it accepts connections. */
    public static TestHaproxy start(Path dir, Map<String, String> environment) {
        if (!Files.isExecutable(INSTALLED)) {
            throw new IllegalStateException(INSTALLED + " is missing: apt-get install haproxy");
        }
        int port = ServerIntegrationTest.freePort();
        Path certificate = dir.resolve("proxy-cert.pem");
        Path combined = dir.resolve("proxy.pem");
        selfSigned(certificate, combined);
        Path log = ServerProcess.logFile("haproxy");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        INSTALLED.toString(),
                        "-db",
                        "-f",
                        CONFIGURATION.toAbsolutePath().toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CLARIBI_"));
        builder.environment().putAll(environment);
        builder.environment().put("CLARIBI_PROXY_BIND", "127.0.0.1:" + port);
        builder.environment()
                .put("CLARIBI_PROXY_CERT", combined.toAbsolutePath().toString());
        try {
            TestHaproxy haproxy = new TestHaproxy(builder.start(), log, port, certificate);
            haproxy.awaitListening();
            return haproxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code https://localhost:<port>}. */
    public String url() {
        return "https://localhost:" + port;
    }

    /** A new client, with connections of its own, that trusts the proxy's certificate. */
    public TestClient newClient() {
        return new TestClient(url(), certificate);
    }

    /** Everything HAProxy wrote so far (its request log and its health-check messages). */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("HAProxy did not listen on port " + port + ":\n" + output());
                }
                ServerProcess.pause(Duration.ofMillis(20));
            }
        }
    }

    /** A certificate for localhost (and 127.0.0.1) in {@code certificate}; it and its key in {@code combined}. */
    private static void selfSigned(Path certificate, Path combined) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=localhost");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(
                    subject,
                    new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(1))),
                    subject,
                    pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
            String cert = pem(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            Files.writeString(certificate, cert);
            Files.writeString(combined, cert + pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot make the proxy's certificate", e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
