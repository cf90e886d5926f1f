package com.claribi.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built server ({@code target/claribi.jar}) running as a child process, as an operator starts it: configured only
 * by {@code CLARIBI_*} environment variables, with its own HTTPS port and data directory, its standard output and
 * error captured in a log file under {@code target/process-logs/}. {@link #run} runs one command of the admin command
 * line the same way.
 */
public final class ServerProcess implements AutoCloseable {

    /**
     * Generous (3 minutes, or {@code -Dclaribi.test.ready-timeout=PT5M}): on a machine busy with other builds a cold
     * JVM takes over a minute to start; a healthy server is ready long before, so this only delays reporting a failure.
     */
    public static final Duration READY_TIMEOUT =
            Duration.parse(System.getProperty("claribi.test.ready-timeout", "PT3M"));

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final Path JAR = Path.of("target", "claribi.jar");
    /** The jar extracted by the build, with the ahead-of-time cache of its start (the pom's aot-cache profile). */
    private static final Path EXTRACTED_JAR = Path.of("target", "app", "claribi.jar");

    private static final Path AOT_CACHE = Path.of("target", "app", "claribi.aot");
    private static final Path JVM_OPTIONS = Path.of("bin", "jvm-options");
    private static final Path LOGS = Path.of("target", "process-logs");
    private static final AtomicInteger PROCESSES = new AtomicInteger();

    private final Process process;
    private final Path log;
    private final int port;
    private final Path dataDir;
    private final boolean tls;
    private final TestClient client;
    private final Duration startupTime;

    private ServerProcess(Process process, Path log, int port, Path dataDir, boolean tls, long startedNanos) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.dataDir = dataDir;
        this.tls = tls;
        this.client = awaitReady(startedNanos);
        this.startupTime = Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /**
     * Starts the server on a free port with {@code environment} (which may override the defaults set here: no
     * plain-HTTP port, no management port, no shutdown grace period, and per-address login budgets high enough for
     * tests that all sign in from 127.0.0.1), and
     * waits until {@code GET /api/health/} answers 200.
     */
    public static ServerProcess start(Path dataDir, Map<String, String> environment) {
        return start(dataDir, environment, "serve");
    }

    /** {@link #start(Path, Map)} with the command line {@code args} instead of {@code serve}. */
    public static ServerProcess start(Path dataDir, Map<String, String> environment, String... args) {
        return start(testServerCommand(), dataDir, ServerIntegrationTest.freePort(), environment, args);
    }

    /**
     * {@link #start(Path, Map)} with {@code launcher} (the program and its first arguments: {@link #jarCommand}, or a
     * distribution's {@code bin/claribi}) on {@code port}, which a restarted process takes again. With {@code
     * CLARIBI_TLS=off} in {@code environment} it is ready when {@code GET /api/health/} answers 200 to a request
     * forwarded as from a trusted proxy on 127.0.0.1 (the environment must trust it), and {@link #client()} has no
     * use.
     */
    public static ServerProcess start(
            List<String> launcher, Path dataDir, int port, Map<String, String> environment, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("CLARIBI_HTTP_PORT", "off");
        // Several servers run at once: no management port unless a test asks for one, and no grace period at stop.
        env.put("CLARIBI_MANAGEMENT_PORT", "off");
        env.put("CLARIBI_SHUTDOWN_GRACE", "PT0S");
        env.put("CLARIBI_LOGIN_THROTTLE_PER_ADDRESS", "100000");
        env.put("CLARIBI_RATE_LIMIT_ADDRESS_PER_MINUTE", "100000");
        env.put("CLARIBI_RATE_LIMIT_BAD_CREDENTIALS_PER_MINUTE", "100000");
        env.putAll(environment);
        env.put("CLARIBI_DATA_DIR", dataDir.toAbsolutePath().toString());
        env.put("CLARIBI_PORT", String.valueOf(port));
        Path log = logFile("server");
        long started = System.nanoTime();
        Process process = launch(launcher, List.of(args), env, ProcessBuilder.Redirect.to(log.toFile()), null);
        try {
            return new ServerProcess(process, log, port, dataDir, !"off".equals(env.get("CLARIBI_TLS")), started);
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** What one command of the command line did. */
    public record Command(int exitCode, String stdout, String stderr) {

        public String output() {
            return stdout + stderr;
        }
    }

    /** Runs {@code claribi <args>} against the data directory and database in {@code environment} and waits for it. */
    public static Command run(Path dataDir, Map<String, String> environment, String stdin, String... args) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("CLARIBI_DATA_DIR", dataDir.toAbsolutePath().toString());
        Path stdout = logFile("command-out");
        Path stderr = logFile("command-err");
        Process process =
                launch(jarCommand("command"), List.of(args), env, ProcessBuilder.Redirect.to(stdout.toFile()), stderr);
        try {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(
                        "claribi " + String.join(" ", args) + " did not end within " + COMMAND_TIMEOUT);
            }
            return new Command(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code CLARIBI_*} environment variables that set the given {@code claribi.*} properties. */
    public static Map<String, String> environment(Map<String, String> properties) {
        Map<String, String> env = new HashMap<>();
        properties.forEach((key, value) ->
                env.put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        return env;
    }

    public int port() {
        return port;
    }

    public Path certificate() {
        return dataDir.resolve("tls/cert.pem");
    }

    /** An HTTPS client that trusts this server's generated certificate. */
    public TestClient client() {
        if (client == null) {
            throw new IllegalStateException("The server was started with CLARIBI_TLS=off: it has no HTTPS client");
        }
        return client;
    }

    /** The operating system's id of the process that {@link #start} launched. */
    public long pid() {
        return process.pid();
    }

    /** From launching the JVM to the first 200 from {@code GET /api/health/}. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Everything the process wrote to standard output and standard error so far. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the output matches {@code pattern} and returns the match. */
    public Matcher awaitOutput(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher matcher = pattern.matcher(output());
            if (matcher.find()) {
                return matcher;
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError(
                        "The server did not print " + pattern + " within " + timeout + ":\n" + output());
            }
            pause(Duration.ofMillis(50));
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM, as an operator or a service manager does, and returns at once. */
    public void terminate() {
        process.destroy();
    }

    /** Sends SIGKILL, as a crash or the out-of-memory killer ends a process, and returns at once. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Waits for the process to end and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("The server did not exit within " + timeout + ":\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asks the server to shut down (SIGTERM, as an operator or a service manager does) and waits until it has. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private TestClient awaitReady(long startedNanos) {
        long deadline = startedNanos + READY_TIMEOUT.toNanos();
        TestClient candidate = null;
        ProxiedClient proxied = tls ? null : new ProxiedClient(port);
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        "The server exited with " + process.exitValue() + " before it was ready:\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The server was not ready within " + READY_TIMEOUT + ":\n" + output());
            }
            try {
                if (proxied != null) {
                    if (proxied.get("/api/health/", "127.0.0.1").status() == 200) {
                        return null;
                    }
                } else if (candidate == null && Files.exists(certificate())) {
                    candidate = new TestClient("https://localhost:" + port, certificate());
                }
                if (tls && candidate != null && candidate.get("/api/health/").status() == 200) {
                    return candidate;
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                // Not listening yet, or the certificate is still being written.
            }
            pause(Duration.ofMillis(50));
        }
    }

    /** The JVM options {@code bin/claribi} gives a {@code kind} of launch ("server" or "command"). */
    static List<String> jvmOptions(String kind) {
        try {
            return Files.readAllLines(JVM_OPTIONS).stream()
                    .filter(line -> line.startsWith(kind + "="))
                    .flatMap(line -> Arrays.stream(
                            line.substring(kind.length() + 1).trim().split("\\s+")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + JVM_OPTIONS, e);
        }
    }

    /**
     * {@code -jar} and the jar, as {@code bin/claribi} gives them: the extracted jar with its ahead-of-time cache when
     * the build made them from the current jar and this JVM can map it (25 or newer; a cache it cannot use is ignored
     * without a word), else the jar itself.
     */
    static List<String> jarOptions() {
        try {
            if (Runtime.version().feature() >= 25
                    && Files.isRegularFile(AOT_CACHE)
                    && Files.isRegularFile(EXTRACTED_JAR)
                    && Files.getLastModifiedTime(EXTRACTED_JAR).compareTo(Files.getLastModifiedTime(JAR)) >= 0) {
                return List.of(
                        "-XX:AOTCache=" + AOT_CACHE.toAbsolutePath(),
                        "-Xlog:aot*=off",
                        "-Xlog:cds*=off",
                        "-jar",
                        EXTRACTED_JAR.toAbsolutePath().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of("-jar", JAR.toAbsolutePath().toString());
    }

    /**
     * {@link #jarCommand} "server", compiling with C1 only as an administrative command does: a test's server lives
     * seconds, and C2's compilations, which pay off over minutes of serving, about double the CPU time of its start
     * (7 CPU-seconds instead of 13 to 14 for a first start measured here). The server behaves the same; only the tests
     * of the distribution start it exactly as an operator does ({@code bin/claribi}, its own options).
     */
    static List<String> testServerCommand() {
        List<String> command = new ArrayList<>(jarCommand("server"));
        command.add(command.indexOf("-jar"), "-XX:TieredStopAtLevel=1");
        return command;
    }

    /**
     * The command that runs {@code target/claribi.jar} as {@code bin/claribi} does for a {@code kind} of launch
     * ("server" or "command"): this JVM's {@code java}, the options of {@code bin/jvm-options}, {@link #jarOptions}.
     */
    public static List<String> jarCommand(String kind) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the integration tests with "
                    + "mvn verify, which packages the jar first");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(kind));
        command.addAll(jarOptions());
        return command;
    }

    private static Process launch(
            List<String> launcher,
            List<String> args,
            Map<String, String> environment,
            ProcessBuilder.Redirect stdout,
            Path stderr) {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        // Only the configuration given here: nothing from the environment the tests were started in.
        builder.environment().keySet().removeIf(name -> name.startsWith("CLARIBI_"));
        builder.environment().putAll(environment);
        builder.redirectOutput(stdout);
        if (stderr == null) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(stderr.toFile());
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    /** A new file under {@code target/process-logs/} for the output of a process of this {@code kind}. */
    static Path logFile(String kind) {
        try {
            Files.createDirectories(LOGS);
            return Files.createTempFile(LOGS, String.format("%03d-%s-", PROCESSES.incrementAndGet(), kind), ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sleeps for {@code duration}; an interruption ends the test. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
