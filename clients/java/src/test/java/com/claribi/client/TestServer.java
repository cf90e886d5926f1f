package com.claribi.client;

import com.claribi.client.model.ApiKey;
import com.claribi.client.model.ApiKeyScope;
import com.claribi.client.model.NewApiKey;
import com.claribi.client.model.NewUser;
import com.claribi.client.model.Role;
import com.claribi.client.model.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The server jar ({@code -Dclaribi.server.jar}, the one the root build has just packaged) running as a process, as
 * {@code bin/claribi} starts it: a free HTTPS port, a temporary data directory with its generated certificate, and a
 * bootstrapped administrator. One process for every test class of the run (JUnit's root store closes it at the end);
 * a test class gets it as a parameter through {@link Extension}.
 */
final class TestServer implements AutoCloseable {

    static final String ADMIN_EMAIL = "admin@sdk.example";
    static final String ADMIN_PASSWORD = "sdk-admin-passphrase-1";
    /** Small enough that a test spends a key's budget in a second, large enough for the examples. */
    static final int API_KEY_PER_MINUTE = 60;

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final int port;

    private TestServer(Process process, Path dataDir, Path log, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
    }

    /** Gives test methods and constructors the one running server. */
    static final class Extension implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TestServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot()
                    .getStore(ExtensionContext.Namespace.create(TestServer.class))
                    .getOrComputeIfAbsent(TestServer.class, key -> start(), TestServer.class);
        }
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("claribi.server.jar", "../../target/claribi.jar"))
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the server first (./mvnw package at the root)");
        }
        return jar;
    }

    /** The repository's root: the server jar is its {@code target/claribi.jar}. */
    static Path repository() {
        return jar().getParent().getParent();
    }

    static TestServer start() {
        try {
            Path jar = jar();
            Path dataDir = Files.createTempDirectory("claribi-sdk-test");
            Path log = Path.of("target", "claribi-server.log").toAbsolutePath();
            Files.createDirectories(log.getParent());
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(command(jar));
            builder.environment().keySet().removeIf(name -> name.startsWith("CLARIBI_"));
            builder.environment()
                    .putAll(Map.ofEntries(
                            Map.entry("CLARIBI_DATA_DIR", dataDir.toString()),
                            Map.entry("CLARIBI_PORT", String.valueOf(port)),
                            Map.entry("CLARIBI_HTTP_PORT", "off"),
                            Map.entry("CLARIBI_MANAGEMENT_PORT", "off"),
                            Map.entry("CLARIBI_SHUTDOWN_GRACE", "PT0S"),
                            Map.entry("CLARIBI_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL),
                            Map.entry("CLARIBI_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD),
                            Map.entry("CLARIBI_BOOTSTRAP_ORG_NAME", "SDK Tests"),
                            Map.entry("CLARIBI_RATE_LIMIT_JWT_PER_MINUTE", "100000"),
                            Map.entry("CLARIBI_RATE_LIMIT_API_KEY_PER_MINUTE", String.valueOf(API_KEY_PER_MINUTE)),
                            // Every test signs in from 127.0.0.1, some with wrong passwords on purpose.
                            Map.entry("CLARIBI_LOGIN_THROTTLE_PER_ADDRESS", "100000"),
                            Map.entry("CLARIBI_RATE_LIMIT_ADDRESS_PER_MINUTE", "100000"),
                            Map.entry("CLARIBI_RATE_LIMIT_BAD_CREDENTIALS_PER_MINUTE", "100000")));
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            TestServer server = new TestServer(builder.start(), dataDir, log, port);
            Runtime.getRuntime().addShutdownHook(new Thread(server.process::destroyForcibly));
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code java}, the server options of {@code bin/jvm-options}, and the jar; on JDK 25 or newer the build's
     * extracted jar with its ahead-of-time cache when it was made from this jar, as {@code bin/claribi} does.
     */
    private static List<String> command(Path jar) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path options = repository().resolve("bin/jvm-options");
        if (Files.isRegularFile(options)) {
            Files.readAllLines(options).stream()
                    .filter(line -> line.startsWith("server="))
                    .flatMap(line -> Arrays.stream(
                            line.substring("server=".length()).trim().split("\\s+")))
                    .forEach(command::add);
        }
        Path extracted = jar.resolveSibling("app/claribi.jar");
        Path cache = jar.resolveSibling("app/claribi.aot");
        if (Runtime.version().feature() >= 25
                && Files.isRegularFile(cache)
                && Files.isRegularFile(extracted)
                && Files.getLastModifiedTime(extracted).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
            command.addAll(
                    List.of("-XX:AOTCache=" + cache, "-Xlog:aot*=off", "-Xlog:cds*=off", "-jar", extracted.toString()));
        } else {
            command.addAll(List.of("-jar", jar.toString()));
        }
        return command;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited before it was ready:\n" + output());
            }
            if (Files.isRegularFile(certificate())) {
                try (ClaribiClient probe = builder().apiKey("none").build()) {
                    if (probe.auth().healthy()) {
                        return;
                    }
                } catch (ClaribiException | IllegalStateException | UncheckedIOException notYet) {
                    // Not listening yet, or the certificate is still being written.
                }
            }
            sleep(Duration.ofMillis(100));
        }
        process.destroyForcibly();
        throw new IllegalStateException("The server was not ready within " + READY_TIMEOUT + ":\n" + output());
    }

    String baseUrl() {
        return "https://localhost:" + port;
    }

    /** The certificate the server generated under its data directory ({@code data/tls/cert.pem}). */
    Path certificate() {
        return dataDir.resolve("tls/cert.pem");
    }

    /** A builder for this server: its base URL and its certificate trusted. */
    ClaribiClient.Builder builder() {
        return ClaribiClient.builder().baseUrl(baseUrl()).trustedCertificate(certificate());
    }

    ClaribiClient admin() {
        return builder().credentials(ADMIN_EMAIL, ADMIN_PASSWORD).build();
    }

    /** A new user of the organization with this role; its password is {@link #passwordOf}. */
    User createUser(Role role) {
        try (ClaribiClient admin = admin()) {
            String email = "user" + NAMES.incrementAndGet() + "-"
                    + UUID.randomUUID().toString().substring(0, 8) + "@sdk.example";
            return admin.users().create(new NewUser(email, passwordOf(email), role, "Test", "User"));
        }
    }

    static String passwordOf(String email) {
        return "pass-" + email;
    }

    /** A new API key of the administrator's, with its secret. */
    ApiKey createApiKey(ApiKeyScope scope) {
        try (ClaribiClient admin = admin()) {
            return admin.apiKeys().create(NewApiKey.of("sdk-test-" + NAMES.incrementAndGet(), scope));
        }
    }

    /** The raw body of {@code GET path} without credentials (the OpenAPI document, for instance). */
    String fetch(String path) throws Exception {
        try (HttpClient http = HttpClient.newBuilder()
                .sslContext(ClaribiClient.Builder.trusting(certificate()))
                .build()) {
            return http.send(
                            HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is no failure.
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
