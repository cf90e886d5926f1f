package com.claribi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.ProjectVersion;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import com.claribi.support.TestClient.Response;
import com.claribi.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as {@code package} unpacked it into {@code target/dist/claribi-VERSION/}, run as on a machine
 * without a JDK: no {@code JAVA_HOME}, and a {@code PATH} holding only the few programs {@code bin/claribi} uses, so
 * that nothing but the bundled runtime can run the jar. Runs once, with the embedded database.
 */
class DistributionIntegrationTests {

    private static final Path HOME = Path.of("target", "dist", "claribi-" + ProjectVersion.ofPom());
    private static final Path TARBALL = Path.of("target", "claribi-" + ProjectVersion.ofPom() + ".tar.gz");
    private static final String ADMIN = "admin@dist.example";
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path work;

    @BeforeEach
    void distribution() {
        TestDatabase.noDatabaseInvolved();
        assertThat(HOME.resolve("bin/claribi"))
                .as("the unpacked distribution (built by `package` unless -DskipDist)")
                .isExecutable();
    }

    @Test
    void layoutThenLauncherRuntimeJarDeploymentFilesAndDocuments() throws IOException {
        assertThat(TARBALL).isRegularFile();
        assertThat(HOME.resolve("runtime/bin/java")).isExecutable();
        assertThat(HOME.resolve("runtime/lib/server/classes.jsa"))
                .as("the CDS archive")
                .isRegularFile();
        for (String file : List.of(
                "bin/jvm-options",
                "lib/app/claribi.jar",
                "deploy/claribi.service",
                "deploy/Dockerfile",
                "README.md",
                "LICENSE",
                "CHANGELOG.md")) {
            assertThat(HOME.resolve(file)).as(file).isRegularFile();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(HOME.resolve("lib/app/claribi.jar"))))
                .isEqualTo("rw-r--r--");
        try (var libraries = Files.list(HOME.resolve("lib/app/lib"))) {
            assertThat(libraries.map(Path::getFileName).map(Path::toString))
                    .as("the extracted jar's libraries")
                    .contains("spring-boot-" + springBootVersion() + ".jar");
        }
        assertThat(HOME.resolve("pom.xml")).as("nothing to build from").doesNotExist();
    }

    @Test
    void versionWithoutJdkThenPomVersionFromBundledRuntime() throws Exception {
        Process version = launch(List.of("--version"), Map.of(), work.resolve("version.log"));

        assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(work.resolve("version.log"));
        assertThat(version.exitValue()).as(output).isZero();
        assertThat(output.strip()).isEqualTo(ProjectVersion.ofPom());
    }

    /**
     * When the build made the checkout's ahead-of-time cache (JDK 25 or newer, no -DskipAotCache), it made the
     * distribution's too, on the distribution's runtime: the runtime maps it where it was unpacked ({@code
     * -XX:AOTMode=on} makes a cache that cannot be used an error instead of a silent fallback).
     */
    @Test
    void aheadOfTimeCacheWhenBuiltThenTheBundledRuntimeUsesIt() throws Exception {
        Assumptions.assumeTrue(
                Files.exists(Path.of("target", "app", "claribi.aot")),
                "the build made no ahead-of-time cache (JDK 21-24, or -DskipAotCache)");
        Path cache = HOME.resolve("lib/app/claribi.aot").toAbsolutePath();
        assertThat(cache).isRegularFile();
        List<String> command = new ArrayList<>(
                List.of(HOME.resolve("runtime/bin/java").toAbsolutePath().toString()));
        command.addAll(List.of(serverOptions().split(" ")));
        command.addAll(List.of(
                "-XX:AOTMode=on",
                "-XX:AOTCache=" + cache,
                "-jar",
                HOME.resolve("lib/app/claribi.jar").toAbsolutePath().toString(),
                "--version"));
        Process version = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("aot.log").toFile())
                .start();

        assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(work.resolve("aot.log"));
        assertThat(version.exitValue()).as(output).isZero();
        assertThat(output.strip()).isEqualTo(ProjectVersion.ofPom());
    }

    @Test
    void serveWithoutJdkThenHttpsWithGeneratedCertificateAndQrCodes() throws Exception {
        int port = ServerIntegrationTest.freePort();
        Path dataDir = work.resolve("data");
        Path log = Files.createDirectories(Path.of("target", "process-logs")).resolve("distribution-server.log");
        Process server = launch(
                List.of(),
                Map.of(
                        "CLARIBI_PORT",
                        String.valueOf(port),
                        "CLARIBI_HTTP_PORT",
                        "off",
                        "CLARIBI_MANAGEMENT_PORT",
                        "off",
                        "CLARIBI_SHUTDOWN_GRACE",
                        "PT0S",
                        "CLARIBI_DATA_DIR",
                        dataDir.toString(),
                        "CLARIBI_BOOTSTRAP_ADMIN_EMAIL",
                        ADMIN,
                        "CLARIBI_BOOTSTRAP_ADMIN_PASSWORD",
                        PASSWORD),
                log);
        long started = System.nanoTime();
        try {
            TestClient api = awaitHealthy(server, port, dataDir.resolve("tls/cert.pem"), log);
            System.out.printf(
                    "distribution: first start to a healthy /api/health/ in %.1f s%n",
                    (System.nanoTime() - started) / 1e9);

            String session = api.as(ADMIN, PASSWORD);
            // The enrolment's QR code is drawn by java.desktop (ImageIO): a module the runtime must hold.
            Response setup = api.post("/api/auth/mfa/setup/", Map.of(), "Authorization", session);
            assertThat(setup.status()).as(setup.text()).isEqualTo(200);
            assertThat(setup.json().path("qr_code").asString()).startsWith("data:image/png;base64,");

            server.destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS))
                    .as("stopped by SIGTERM")
                    .isTrue();
            assertThat(server.exitValue()).as(Files.readString(log)).isZero();
        } finally {
            server.destroyForcibly();
        }
    }

    /**
     * An operator who sets {@code CLARIBI_JAVA_OPTS} once for the server (as {@code bench/run} does) runs the commands
     * with those options too: the server's {@code -Dspring.aot.enabled=true} must not start a command from the
     * server's generated bean definitions (it failed with "No ServletContext set").
     */
    @Test
    void orgCreateGivenTheServersJavaOptionsThenCreatedAndNothingServed() throws Exception {
        Path dataDir = work.resolve("data");
        Process created = launch(
                List.of(
                        "org",
                        "create",
                        "--name",
                        "Server Options",
                        "--admin-email",
                        "ops@options.example",
                        "--password-stdin"),
                Map.of("CLARIBI_JAVA_OPTS", serverOptions(), "CLARIBI_DATA_DIR", dataDir.toString()),
                work.resolve("org-create.log"));
        try {
            try (var stdin = created.getOutputStream()) {
                stdin.write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
            }
            assertThat(created.waitFor(2, TimeUnit.MINUTES)).isTrue();
        } finally {
            created.destroyForcibly();
        }
        String output = Files.readString(work.resolve("org-create.log"));
        assertThat(created.exitValue()).as(output).isZero();
        assertThat(output).contains("Created organization", "Server Options", "ops@options.example");
        assertThat(output).doesNotContain(PASSWORD, "Tomcat started");
    }

    /** {@code bin/claribi args} of the distribution with only {@code environment} and a {@code PATH} without Java. */
    private Process launch(List<String> args, Map<String, String> environment, Path output) throws IOException {
        // Links to the system's programs, outside the temporary directory (JUnit warns about links it deletes).
        Path path = Files.createDirectories(Path.of("target", "no-java-path")).toAbsolutePath();
        for (String program : List.of("bash", "dirname", "sed")) {
            Path link = path.resolve(program);
            if (Files.notExists(link)) {
                Files.createSymbolicLink(link, which(program));
            }
        }
        List<String> command = new ArrayList<>(
                List.of(HOME.resolve("bin/claribi").toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", path.toString());
        builder.environment().put("HOME", work.toString());
        builder.environment().putAll(environment);
        return builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private static Path which(String program) {
        return List.of("/usr/bin", "/bin").stream()
                .map(directory -> Path.of(directory, program))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(program + " is in neither /usr/bin nor /bin"));
    }

    private static TestClient awaitHealthy(Process server, int port, Path certificate, Path log) throws IOException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("the server ended: " + Files.readString(log));
            }
            try {
                if (Files.exists(certificate)) {
                    TestClient api = new TestClient("https://localhost:" + port, certificate);
                    if (api.get("/api/health/").status() == 200) {
                        return api;
                    }
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                // Not listening yet, or the certificate is still being written.
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no answer on port " + port + " within 3 minutes: " + Files.readString(log));
    }

    /** The server's JVM options, as bin/claribi reads them from bin/jvm-options. */
    private static String serverOptions() throws IOException {
        return Files.readAllLines(HOME.resolve("bin/jvm-options")).stream()
                .filter(line -> line.startsWith("server="))
                .map(line -> line.substring("server=".length()))
                .findFirst()
                .orElseThrow();
    }

    private static String springBootVersion() {
        return org.springframework.boot.SpringBootVersion.getVersion();
    }
}
