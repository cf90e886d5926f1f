package com.claribi.support;

import com.claribi.identity.Enrollment;
import com.claribi.identity.Membership;
import com.claribi.identity.Role;
import com.claribi.identity.User;
import com.claribi.platform.ClientInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole server on a random HTTPS port (and a plain-HTTP port), on the test database, with a temporary data
 * directory; tests talk to it over real HTTPS with {@link TestClient}. Subclasses share one running server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Every test signs in, and presents refused credentials, from 127.0.0.1: the login and refresh budget per address and
// the
// budget of bad credentials per address are tested with their own (a test class's own @TestPropertySource overrides
// this one).
@TestPropertySource(
        properties = {
            "claribi.rate-limit.address-per-minute=100000",
            "claribi.rate-limit.bad-credentials-per-minute=100000",
            // Many servers share the test JVM: no management port (tested on a process of its own), no grace at stop.
            "claribi.management-port=off",
            "claribi.shutdown-grace=PT0S"
        })
public abstract class ServerIntegrationTest {

    public static final Path DATA_DIR = temporaryDataDir();
    private static final AtomicInteger USERS = new AtomicInteger();

    @LocalServerPort
    protected int port;

    @Value("${claribi.http-port}")
    protected int httpPort;

    @Autowired
    protected Enrollment enrollment;

    @Autowired
    protected Membership membership;

    protected TestClient api;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        registry.add("claribi.port", () -> "0");
        // Each server (one per distinct test configuration) gets its own plain-HTTP port.
        String httpPort = String.valueOf(freePort());
        registry.add("claribi.http-port", () -> httpPort);
        registry.add("claribi.data-dir", DATA_DIR::toString);
        // Every test signs in from 127.0.0.1; the per-address budget of failures is tested on its own.
        registry.add("claribi.login-throttle.per-address", () -> "100000");
        TestDatabase.properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeEach
    void client() {
        Path certificate = DATA_DIR.resolve("tls/cert.pem");
        // A server started with TLS off has generated no certificate; its tests speak plain HTTP themselves.
        api = Files.exists(certificate) ? new TestClient("https://localhost:" + port, certificate) : null;
    }

    /** A test user's email and password. */
    public record Account(User user, String email, String password) {}

    protected Account newUser(Role role) {
        String email = "user" + USERS.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String password = "correct horse " + UUID.randomUUID();
        User admin = enrollment.createOrganization(
                "Org of " + email,
                "professional",
                1347,
                new Enrollment.NewUser(email, password, role, "Jane", "Smith"),
                ClientInfo.COMMAND_LINE);
        return new Account(admin, email, password);
    }

    protected Account newUserInOrganization(long organizationId, Role role) {
        String email = "member" + USERS.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String password = "correct horse " + UUID.randomUUID();
        User user = enrollment.createUser(
                organizationId, new Enrollment.NewUser(email, password, role, "", ""), ClientInfo.COMMAND_LINE);
        return new Account(user, email, password);
    }

    private static Path temporaryDataDir() {
        try {
            return Files.createTempDirectory("claribi-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
