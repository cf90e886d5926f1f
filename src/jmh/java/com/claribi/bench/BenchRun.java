package com.claribi.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * bench/run: what authentication costs against the server's own unauthenticated baseline, in one run, written to
 * bench/RESULTS.md and bench/results.png (see docs/performance.md). The wrapper finds the JDK and the server's JVM
 * options where bin/claribi does, builds the jar and these classes, and runs this with the test class path.
 *
 * <p>Phase 1 starts the server as shipped and measures its rate limits on their own; phase 2 raises every budget so
 * that nothing is refused and measures throughput, tokens, logins, a login flood, memory and start-up; then the peer
 * (--peer keycloak), the API key scale and the JMH microbenchmarks; then the report ({@link Report}) and the chart.
 */
public final class BenchRun {

    static final long HIGH = 1_000_000_000L;
    static final int WRK_THREADS = 2;
    static final int WRK_CONNECTIONS = 16;
    static final int LATENCY_CONNECTIONS = 4;
    static final int LIMIT_SECONDS = 5;
    static final int WARM_UP_SECONDS = 10;
    static final int FLOOD_CONNECTIONS = 200;
    static final String ADMIN_EMAIL = "bench@bench.test";
    static final String FLOOD_EMAIL = "flood@bench.test";
    /** The phase-2 requests measured against the baseline, in their order in the rounds and the report. */
    static final List<String> NAMES = List.of("health", "jwt_status", "key_status", "jwt_list", "key_list");

    /** When bench/run started (the build included), as the wrapper gives it. */
    private static final Instant STARTED =
            Instant.ofEpochSecond(Long.getLong("bench.started", Instant.now().getEpochSecond()));

    final Options options;
    final Path root = Path.of("").toAbsolutePath();
    final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    final Path work;
    final Http http = new Http();
    final Wrk wrk;
    final String password = "bench passphrase " + System.nanoTime();
    private final Deque<AutoCloseable> cleanup = new ConcurrentLinkedDeque<>();
    private boolean cleanedUp;

    Databases databases;
    int port;
    URI base;

    // Phase 1.
    long startupLimitsMillis;
    Wrk.Result limitJwt;
    Wrk.Result limitKey;

    // Phase 2.
    long startupMainMillis;
    long rssIdleKib;
    String keyList;
    String keyListNote;
    final Map<String, List<Wrk.Result>> rounds = new LinkedHashMap<>();
    final Map<String, Long> peakPerRun = new LinkedHashMap<>();
    Wrk.Result refresh;
    Wrk.Result login;
    Wrk.Result unloaded;
    Wrk.Result flooded;
    Wrk.Result flood;
    int floodSeconds;
    long rssLoadKib;
    Gc gcYoung;
    Gc gcFull;
    List<String> profile = List.of();

    // After.
    Keycloak.Results peer;
    Map<String, String> keyScale = Map.of();
    String keyScaleWhere;
    List<String[]> jmh = List.of();

    /** Collections of one kind in the server's GC log: how many, their pauses in all and the longest, ms. */
    record Gc(int count, double totalMillis, double maxMillis) {}

    private BenchRun(Options options) throws IOException {
        this.options = options;
        this.work = Files.createTempDirectory("claribi-bench.");
        // The PostgreSQL user (when run as root) reads its way to its data directory.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        this.wrk = new Wrk(work);
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench/run: " + e.getMessage());
            System.exit(2);
            return;
        }
        int code = 0;
        BenchRun run = null;
        try {
            Tools.install(options);
            run = new BenchRun(options);
            BenchRun current = run;
            Thread hook = new Thread(current::cleanUp);
            Runtime.getRuntime().addShutdownHook(hook);
            run.measure();
            Report report = new Report(run);
            report.write();
            say("done: bench/" + options.resultsName() + ", bench/" + options.chartName());
            System.out.print(report.targets());
        } catch (BenchException e) {
            System.err.println("bench/run: " + e.getMessage());
            code = 1;
        } catch (IOException e) {
            System.err.println("bench/run: " + e);
            code = 1;
        } finally {
            if (run != null) {
                run.cleanUp();
            }
        }
        System.exit(code);
    }

    static void say(String message) {
        System.err.printf("%n== %s (%ds)%n", message, Duration.between(STARTED, Instant.now()).toSeconds());
    }

    static Duration elapsed() {
        return Duration.between(STARTED, Instant.now());
    }

    private void measure() {
        databases = Databases.start(options, work);
        cleanup.push(databases);
        port = Cmd.freePort();
        base = URI.create("https://127.0.0.1:" + port);

        say("creating the organization and users");
        command("org", "create", "--name", "Bench", "--admin-email", ADMIN_EMAIL, "--password-stdin");
        command("user", "create", "--org", "Bench", "--email", FLOOD_EMAIL, "--role", "viewer", "--password-stdin");

        phase1();
        phase2();
        if (options.peer() != null) {
            peer = new Keycloak(this).run();
        }
        if (!options.skipJmh()) {
            keyScale();
            jmh();
        }
    }

    /** bin/claribi COMMAND... with the password on its standard input, against the server's data. */
    private void command(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("bin/claribi").toString());
        command.addAll(List.of(arguments));
        Map<String, String> environment = new HashMap<>(serverEnvironment());
        environment.put("CLARIBI_JAVA_OPTS", String.join(" ", options.serverOptions()));
        Cmd.run(root, environment, password + "\n", command);
    }

    Map<String, String> serverEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("CLARIBI_PORT", Integer.toString(port));
        environment.put("CLARIBI_HTTP_PORT", "off");
        environment.put("CLARIBI_DATA_DIR", work.resolve("data").toString());
        environment.putAll(databases.environment);
        return environment;
    }

    /** Every request budget and failed-login throttle raised so that nothing is refused (phase 2). */
    static Map<String, String> raised() {
        Map<String, String> raised = new LinkedHashMap<>();
        for (String name : List.of(
                "CLARIBI_RATE_LIMIT_JWT_PER_MINUTE",
                "CLARIBI_RATE_LIMIT_API_KEY_PER_MINUTE",
                "CLARIBI_RATE_LIMIT_ADDRESS_PER_MINUTE",
                "CLARIBI_LOGIN_THROTTLE_PER_ACCOUNT_AND_ADDRESS",
                "CLARIBI_LOGIN_THROTTLE_PER_ACCOUNT",
                "CLARIBI_LOGIN_THROTTLE_PER_ADDRESS")) {
            raised.put(name, Long.toString(HIGH));
        }
        return raised;
    }

    /**
     * Starts the server's jar as NAME with its JVM options and ahead-of-time cache, as bin/claribi would; timed to the
     * first 200 from /api/health/.
     */
    private Server startServer(String name, Map<String, String> extra) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(options.serverOptions());
        if (options.profile() && name.equals("main")) {
            command.add("-XX:+FlightRecorder");
        }
        command.addAll(options.aotOptions());
        command.add("-Xlog:gc:file=" + work.resolve("gc-" + name + ".log"));
        command.addAll(List.of("-jar", root.resolve(options.serverJar()).toString()));
        Map<String, String> environment = new LinkedHashMap<>(serverEnvironment());
        environment.putAll(extra);
        Server server = Server.start(
                name,
                command,
                root,
                environment,
                work.resolve("server-" + name + ".log"),
                base.resolve("/api/health/"),
                Duration.ofMinutes(3),
                http);
        cleanup.push(server);
        return server;
    }

    private void stop(Server server) {
        server.close();
        cleanup.remove(server);
    }

    /** Stopped at the end of the run, or at an interruption, unless {@link #stopped} before. */
    void started(AutoCloseable running) {
        cleanup.push(running);
    }

    void stopped(AutoCloseable running) {
        cleanup.remove(running);
    }

    private JsonNode login(String email) {
        JsonNode tokens =
                http.postJson(base.resolve("/api/auth/login/"), Map.of("email", email, "password", password));
        if (tokens.path("access").asString().isEmpty()) {
            throw new BenchException("login failed: " + tokens);
        }
        return tokens;
    }

    private String apiKey(String access, String name) {
        String key = http.postJson(
                        base.resolve("/api/api-keys/"),
                        Map.of("name", name, "scope", "read_only"),
                        "Authorization",
                        "Bearer " + access)
                .path("key")
                .asString();
        if (key == null || key.isEmpty()) {
            throw new BenchException("API key creation failed");
        }
        return key;
    }

    /** Phase 1: the configured rate limits, measured on their own (1000/min per user, 100/min per key). */
    private void phase1() {
        say("phase 1: default rate limits");
        Server server = startServer("limits", Map.of());
        startupLimitsMillis = server.startupMillis;
        String access = login(ADMIN_EMAIL).path("access").asString();
        String limitApiKey = apiKey(access, "bench limits");
        String limitAccess = login(FLOOD_EMAIL).path("access").asString();
        wrk.scenario("limit_jwt", "GET", "/api/auth/status/", null, Map.of("Authorization", "Bearer " + limitAccess));
        wrk.scenario("limit_key", "GET", "/api/auth/status/", null, Map.of("X-API-Key", limitApiKey));
        limitJwt = wrk.run("limit_jwt", 1, LATENCY_CONNECTIONS, LIMIT_SECONDS, base, server);
        limitKey = wrk.run("limit_key", 1, LATENCY_CONNECTIONS, LIMIT_SECONDS, base, server);
        stop(server);
    }

    /** Phase 2: the rate limits raised so that they never refuse; every other figure. */
    private void phase2() {
        say("phase 2: throughput (rate limits raised to " + HIGH + " per minute)");
        Server server = startServer("main", raised());
        startupMainMillis = server.startupMillis;
        Server.sleep(2000);
        rssIdleKib = server.rssKib();

        JsonNode tokens = login(ADMIN_EMAIL);
        String access = tokens.path("access").asString();
        String refreshToken = tokens.path("refresh").asString();
        String apiKey = apiKey(access, "bench");

        // The list endpoint read with the API key: configured, or /api/dashboards/ when this server has it.
        keyList = System.getenv("BENCH_KEY_LIST_PATH");
        if (keyList == null || keyList.isEmpty()) {
            int code = http.status(base.resolve("/api/dashboards/"), "X-API-Key", apiKey);
            keyList = "/api/dashboards/";
            if (code != 200) {
                keyList = "/api/audit-events/";
                keyListNote = "GET /api/dashboards/ is not in this tree (it answered " + code + "); the API key reads"
                        + " GET /api/audit-events/ (its creator is an administrator) instead.";
            }
        }
        Map<String, String> jwt = Map.of("Authorization", "Bearer " + access);
        Map<String, String> key = Map.of("X-API-Key", apiKey);
        Map<String, String> json = Map.of("Content-Type", "application/json");
        wrk.scenario("health", "GET", "/api/health/", null, Map.of());
        wrk.scenario("jwt_status", "GET", "/api/auth/status/", null, jwt);
        wrk.scenario("key_status", "GET", "/api/auth/status/", null, key);
        wrk.scenario("jwt_list", "GET", "/api/api-keys/", null, jwt);
        wrk.scenario("key_list", "GET", keyList, null, key);
        wrk.scenario("refresh", "POST", "/api/auth/token/refresh/", Http.json(Map.of("refresh", refreshToken)), json);
        wrk.scenario("login", "POST", "/api/auth/login/",
                Http.json(Map.of("email", ADMIN_EMAIL, "password", password)), json);
        wrk.scenario("flood", "POST", "/api/auth/login/",
                Http.json(Map.of("email", FLOOD_EMAIL, "password", password)), json);
        wrk.scenario("latency", "GET", "/api/auth/status/", null, jwt);

        if (options.profile()) {
            Cmd.run(List.of(java.resolveSibling("jcmd").toString(), Long.toString(server.pid()), "JFR.start",
                    "name=bench", "settings=profile", "filename=" + work.resolve("bench.jfr")));
        }

        say("warm-up");
        for (String name : Stream.concat(NAMES.stream(), Stream.of("refresh")).toList()) {
            load(name, WRK_THREADS, WRK_CONNECTIONS, WARM_UP_SECONDS, server);
        }
        for (int round = 1; round <= options.rounds(); round++) {
            say("throughput round " + round + " of " + options.rounds() + " (" + options.duration() + "s each)");
            for (String name : NAMES) {
                rounds.computeIfAbsent(name, n -> new ArrayList<>())
                        .add(load(name, WRK_THREADS, WRK_CONNECTIONS, options.duration(), server));
            }
        }

        say("refresh tokens");
        refresh = load("refresh", WRK_THREADS, WRK_CONNECTIONS, options.duration(), server);

        say("logins (Argon2id)");
        load("login", 1, 4, WARM_UP_SECONDS, server);
        login = load("login", 1, 4, options.duration(), server);

        say("authenticated latency, unloaded and during a login flood of " + FLOOD_CONNECTIONS + " clients");
        unloaded = load("latency", 1, LATENCY_CONNECTIONS, options.duration(), server);
        floodSeconds = options.duration() + 8;
        Process floodProcess = wrk.start("flood", 2, FLOOD_CONNECTIONS, floodSeconds, base);
        cleanup.push(floodProcess::destroy);
        Server.sleep(5000);
        flooded = load("latency", 1, LATENCY_CONNECTIONS, options.duration(), server);
        Wrk.waitFor(floodProcess, floodSeconds + 30L);
        flood = wrk.result("flood");

        if (options.profile()) {
            Cmd.run(List.of(java.resolveSibling("jcmd").toString(), Long.toString(server.pid()), "JFR.stop",
                    "name=bench"));
            profile = Profile.topFrames(work.resolve("bench.jfr"), 25);
        }
        gcYoung = gc("Young");
        gcFull = gc("Full");
        rssLoadKib = peakPerRun.values().stream().mapToLong(Long::longValue).max().orElse(0);
        stop(server);
    }

    /** A phase-2 run of scenario NAME; its peak RSS counts towards the peak under load. */
    private Wrk.Result load(String name, int threads, int connections, int seconds, Server server) {
        Wrk.Result result = wrk.run(name, threads, connections, seconds, base, server);
        peakPerRun.merge(name, result.peakRssKib(), Math::max);
        return result;
    }

    /** Collections of KIND ("Young", "Full") in phase 2's GC log. */
    private Gc gc(String kind) {
        int count = 0;
        double total = 0;
        double max = 0;
        try (Stream<String> lines = Files.lines(work.resolve("gc-main.log"))) {
            for (String line : lines.filter(l -> l.contains("Pause " + kind)).toList()) {
                String last = line.substring(line.lastIndexOf(' ') + 1).replace("ms", "");
                double millis = Double.parseDouble(last);
                count++;
                total += millis;
                max = Math.max(max, millis);
            }
        } catch (IOException | NumberFormatException e) {
            // No log, or a line of another form: what was read so far.
        }
        return new Gc(count, total, max);
    }

    private List<String> benchClasspath() {
        try {
            return List.of(
                    "target/test-classes",
                    "target/classes",
                    Files.readString(root.resolve("target/bench-classpath.txt")).trim());
        } catch (IOException e) {
            throw new BenchException("no target/bench-classpath.txt: run bench/run without --skip-build");
        }
    }

    /** The API key check cost with 1,000 and 1,000,000 keys in PostgreSQL (com.claribi.apikey.ApiKeyScale). */
    private void keyScale() {
        say("API key check cost, 1,000 vs 1,000,000 keys in PostgreSQL");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", String.join(":", benchClasspath()),
                "com.claribi.apikey.ApiKeyScale", "9"));
        if (options.postgres()) {
            command.addAll(List.of(databases.jdbcUrl("postgres"), "claribi", "bench"));
            keyScaleWhere = "the run's PostgreSQL (" + databases.postgresVersion + ")";
        } else {
            keyScaleWhere = "PostgreSQL from the embedded binaries (zonky, Maven Central), as the tests use";
        }
        Path err = work.resolve("keyscale.err");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(root.toFile())
                    .redirectError(err.toFile())
                    .start();
            Map<String, String> figures = new LinkedHashMap<>();
            String out = new String(process.getInputStream().readAllBytes());
            int code = process.waitFor();
            out.lines().filter(l -> l.matches("[a-z_0-9]+=.*")).forEach(l -> {
                int eq = l.indexOf('=');
                figures.put(l.substring(0, eq), l.substring(eq + 1));
            });
            if (code != 0 || figures.isEmpty()) {
                throw new BenchException("ApiKeyScale failed:\n" + Files.readString(err));
            }
            keyScale = figures;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    /** The JMH microbenchmarks of the hot path. */
    private void jmh() {
        say("JMH microbenchmarks");
        Path csv = work.resolve("jmh.csv");
        Path out = work.resolve("jmh.out");
        try {
            Process process = new ProcessBuilder(java.toString(), "-cp", String.join(":", benchClasspath()),
                            "org.openjdk.jmh.Main", "-wi", "3", "-i", "5", "-w", "1s", "-r", "1s", "-f", "1",
                            "-rf", "csv", "-rff", csv.toString(), "com.claribi.(token|apikey|ratelimit).*Benchmark")
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (process.waitFor() != 0) {
                throw new BenchException("JMH failed:\n" + Server.tail(out, 40));
            }
            List<String> lines = Files.readAllLines(csv);
            jmh = lines.subList(1, lines.size()).stream()
                    .map(line -> line.replace("\"", "").split(","))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    /** Stops whatever is still running (servers, the flood, the databases) and removes the work directory. */
    private synchronized void cleanUp() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        while (!cleanup.isEmpty()) {
            try {
                cleanup.pop().close();
            } catch (Exception e) {
                System.err.println("bench/run: cleaning up: " + e);
            }
        }
        if (System.getenv("BENCH_KEEP") != null) {
            if (Files.isDirectory(work)) {
                System.err.println("bench/run: kept " + work);
            }
            return;
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Already gone.
        }
    }

    static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
