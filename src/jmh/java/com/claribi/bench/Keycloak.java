package com.claribi.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import tools.jackson.databind.JsonNode;

/**
 * --peer keycloak: Keycloak (keycloak-quarkus-dist from Maven Central, fetched through Maven into target/peer and
 * unpacked there) measured in the same run with the same wrk settings: {@code kc.sh start-dev} on a free port (plain
 * HTTP, its dev-file H2 database, made anew each run), its own default JVM options, the same JDK. A realm, a public
 * client with direct access grants and a user are made through its admin REST API; then the cases that match ours:
 * the realm's {@code .well-known/openid-configuration} (no credentials) against userinfo (a bearer token), the refresh
 * grant, the password grant, peak RSS, and a restart to the first 200.
 */
final class Keycloak {

    static final String VERSION = "26.7.3";
    static final String ARTIFACT = "org.keycloak:keycloak-quarkus-dist:" + VERSION + ":zip";
    static final String REALM = "bench";
    static final String CLIENT = "bench";
    static final String USER = "bench";
    /** The runs measured against each other in rounds, as ours: the unauthenticated baseline, then authenticated. */
    static final List<String> NAMES = List.of("kc_wellknown", "kc_userinfo");

    static final String WELL_KNOWN = "/realms/" + REALM + "/.well-known/openid-configuration";
    static final String USERINFO = "/realms/" + REALM + "/protocol/openid-connect/userinfo";
    static final String TOKEN = "/realms/" + REALM + "/protocol/openid-connect/token";

    /** What was measured. */
    record Results(
            int port,
            List<String> jvmOptions,
            boolean builtAtFirstStart,
            String hashing,
            long firstStartMillis,
            long restartMillis,
            long idleRssKib,
            long peakRssKib,
            Map<String, List<Wrk.Result>> rounds,
            Wrk.Result refresh,
            Wrk.Result login) {}

    private final BenchRun run;
    private final Http http;

    Keycloak(BenchRun run) {
        this.run = run;
        this.http = run.http;
    }

    Results run() {
        Path home = distribution();
        delete(home.resolve("data"));
        int port = Cmd.freePort();
        int management = Cmd.freePort();
        URI base = URI.create("http://127.0.0.1:" + port);
        String adminPassword = "admin " + System.nanoTime();
        Map<String, String> environment = new HashMap<>();
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        // Its own default JVM options: nothing inherited that kc.sh or the JVM would add to them.
        for (String name : List.of("JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_OPTS_KC_HEAP", "JAVA_TOOL_OPTIONS",
                "JDK_JAVA_OPTIONS", "CLARIBI_JAVA_OPTS")) {
            environment.put(name, null);
        }
        List<String> command = List.of(
                "bash",
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-port=" + port,
                "--http-management-port=" + management);

        BenchRun.say("Keycloak " + VERSION + ": first start (kc.sh start-dev, port " + port + ")");
        Server first = Server.start("keycloak", command, home, environment, run.work.resolve("keycloak-1.log"),
                base.resolve("/realms/master/.well-known/openid-configuration"), Duration.ofMinutes(10), http);
        run.started(first);
        long firstStart = first.startupMillis;
        // kc.sh builds its configuration (Quarkus augmentation) once, at the first start after unpacking.
        boolean built = Server.tail(first.log, 10_000).contains("Updating the configuration");
        Map<String, List<Wrk.Result>> rounds = new LinkedHashMap<>();
        Map<String, Long> peaks = new LinkedHashMap<>();
        Wrk.Result refresh;
        Wrk.Result login;
        long idle;
        List<String> jvmOptions;
        String hashing;
        try {
            jvmOptions = jvmOptions(first);
            String[] admin = {"Authorization", "Bearer " + adminToken(base, adminPassword)};
            hashing = setUp(base, admin);
            JsonNode tokens = http.postForm(base.resolve(TOKEN), passwordGrant());
            String access = tokens.path("access_token").asString();
            String refreshToken = tokens.path("refresh_token").asString();
            if (access.isEmpty() || refreshToken.isEmpty()) {
                throw new BenchException("Keycloak's password grant gave no tokens: " + tokens);
            }
            if (http.status(base.resolve(USERINFO), "Authorization", "Bearer " + access) != 200) {
                throw new BenchException("Keycloak's userinfo refused the bench user's access token");
            }
            Server.sleep(2000);
            idle = first.rssKib();

            Wrk wrk = run.wrk;
            Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");
            wrk.scenario("kc_wellknown", "GET", WELL_KNOWN, null, Map.of());
            wrk.scenario("kc_userinfo", "GET", USERINFO, null, Map.of("Authorization", "Bearer " + access));
            wrk.scenario("kc_refresh", "POST", TOKEN, Http.form(Map.of(
                    "grant_type", "refresh_token", "client_id", CLIENT, "refresh_token", refreshToken)), form);
            wrk.scenario("kc_login", "POST", TOKEN, Http.form(passwordGrant()), form);

            BenchRun.say("Keycloak: warm-up");
            for (String name : List.of("kc_wellknown", "kc_userinfo", "kc_refresh")) {
                load(name, BenchRun.WRK_THREADS, BenchRun.WRK_CONNECTIONS, BenchRun.WARM_UP_SECONDS, base, first,
                        peaks);
            }
            int duration = run.options.duration();
            for (int round = 1; round <= run.options.rounds(); round++) {
                BenchRun.say("Keycloak: round " + round + " of " + run.options.rounds() + " (" + duration + "s each)");
                for (String name : NAMES) {
                    rounds.computeIfAbsent(name, n -> new ArrayList<>())
                            .add(load(name, BenchRun.WRK_THREADS, BenchRun.WRK_CONNECTIONS, duration, base, first,
                                    peaks));
                }
            }
            BenchRun.say("Keycloak: refresh grant");
            refresh = load("kc_refresh", BenchRun.WRK_THREADS, BenchRun.WRK_CONNECTIONS, duration, base, first, peaks);
            BenchRun.say("Keycloak: password grant");
            load("kc_login", 1, 4, BenchRun.WARM_UP_SECONDS, base, first, peaks);
            login = load("kc_login", 1, 4, duration, base, first, peaks);
        } finally {
            first.close();
            run.stopped(first);
        }

        BenchRun.say("Keycloak: restart");
        long restart;
        try (Server second = Server.start("keycloak", command, home, environment, run.work.resolve("keycloak-2.log"),
                base.resolve(WELL_KNOWN), Duration.ofMinutes(5), http)) {
            run.started(second);
            restart = second.startupMillis;
            run.stopped(second);
        }
        long peak = peaks.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return new Results(
                port, jvmOptions, built, hashing, firstStart, restart, idle, peak, rounds, refresh, login);
    }

    private Wrk.Result load(
            String name, int threads, int connections, int seconds, URI base, Server server, Map<String, Long> peaks) {
        Wrk.Result result = run.wrk.run(name, threads, connections, seconds, base, server);
        peaks.merge(name, result.peakRssKib(), Math::max);
        return result;
    }

    private Map<String, String> passwordGrant() {
        return Map.of(
                "grant_type", "password",
                "client_id", CLIENT,
                "username", USER,
                "password", run.password,
                "scope", "openid");
    }

    private String adminToken(URI base, String adminPassword) {
        String token = http.postForm(
                        base.resolve("/realms/master/protocol/openid-connect/token"),
                        Map.of(
                                "grant_type", "password",
                                "client_id", "admin-cli",
                                "username", "admin",
                                "password", adminPassword))
                .path("access_token")
                .asString();
        if (token.isEmpty()) {
            throw new BenchException("no admin token from Keycloak");
        }
        return token;
    }

    /**
     * The realm (access tokens valid for an hour, so that none expires during the run; brute-force detection off, its
     * default), a public client with direct access grants, and the user with the bench's password. Returns how the
     * user's password was hashed, as Keycloak stored it.
     */
    private String setUp(URI base, String[] admin) {
        http.postJson(base.resolve("/admin/realms"), Map.of(
                "realm", REALM,
                "enabled", true,
                "accessTokenLifespan", 3600,
                "ssoSessionIdleTimeout", 36_000,
                "ssoSessionMaxLifespan", 36_000,
                "bruteForceProtected", false), admin);
        http.postJson(base.resolve("/admin/realms/" + REALM + "/clients"), Map.of(
                "clientId", CLIENT,
                "enabled", true,
                "publicClient", true,
                "directAccessGrantsEnabled", true,
                "standardFlowEnabled", false), admin);
        http.postJson(base.resolve("/admin/realms/" + REALM + "/users"), Map.of(
                "username", USER,
                "email", BenchRun.ADMIN_EMAIL,
                "firstName", "Bench",
                "lastName", "Bench",
                "enabled", true,
                "emailVerified", true,
                "credentials", List.of(Map.of("type", "password", "value", run.password, "temporary", false))),
                admin);
        try {
            String users = "/admin/realms/" + REALM + "/users";
            String id = http.get(base.resolve(users + "?exact=true&username=" + USER), admin)
                    .path(0)
                    .path("id")
                    .asString();
            JsonNode credentials = http.get(base.resolve(users + "/" + id + "/credentials"), admin);
            String data = credentials.path(0).path("credentialData").asString();
            JsonNode hash = Http.JSON.readTree(data);
            StringBuilder text = new StringBuilder(hash.path("algorithm").asString());
            text.append(", ").append(hash.path("hashIterations").asString()).append(" iterations");
            hash.path("additionalParameters").properties().forEach(e -> text.append(", ")
                    .append(e.getKey()).append('=').append(e.getValue().path(0).asString()));
            return text.toString();
        } catch (RuntimeException e) {
            return "its default (not read back: " + e.getMessage() + ")";
        }
    }

    /** The JVM options (-X...) of the Java process kc.sh started, from /proc/PID/cmdline. */
    private static List<String> jvmOptions(Server server) {
        List<String> found = new ArrayList<>();
        Stream.concat(Stream.of(server.process.toHandle()), server.process.descendants())
                .map(p -> Path.of("/proc", Long.toString(p.pid()), "cmdline"))
                .forEach(cmdline -> {
                    try {
                        String[] args = Files.readString(cmdline).split("\0");
                        if (args.length > 0 && args[0].endsWith("java")) {
                            for (String arg : args) {
                                if (arg.startsWith("-X")) {
                                    found.add(arg);
                                }
                            }
                        }
                    } catch (IOException e) {
                        // Ended.
                    }
                });
        return found;
    }

    /** target/peer/keycloak-VERSION: fetched through Maven (dependency:copy) and unpacked, unless already there. */
    private Path distribution() {
        Path peer = run.root.resolve("target/peer");
        Path zip = peer.resolve("keycloak-quarkus-dist-" + VERSION + ".zip");
        Path home = peer.resolve("keycloak-" + VERSION);
        if (Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            return home;
        }
        if (!Files.isRegularFile(zip)) {
            BenchRun.say("fetching " + ARTIFACT + " from Maven Central (through Maven)");
            Cmd.inherit(run.root, List.of(run.root.resolve("mvnw").toString(), "-B", "-q", "dependency:copy",
                    "-Dartifact=" + ARTIFACT, "-DoutputDirectory=" + peer));
        }
        BenchRun.say("unpacking " + zip.getFileName());
        Path top = unzip(zip, peer);
        if (!top.equals(home)) {
            throw new BenchException(zip + " holds " + top.getFileName() + ", not keycloak-" + VERSION);
        }
        try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
            scripts.filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }

    /** Unpacks ZIP into DIRECTORY; returns its top directory. */
    private static Path unzip(Path zip, Path directory) {
        Path top = null;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = directory.resolve(entry.getName()).normalize();
                if (!target.startsWith(directory)) {
                    throw new BenchException(zip + ": an entry outside its directory: " + entry.getName());
                }
                if (top == null) {
                    top = directory.resolve(directory.relativize(target).getName(0));
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new BenchException("could not unpack " + zip + ": " + e.getMessage());
        }
        if (top == null) {
            throw new BenchException(zip + " is empty");
        }
        return top;
    }

    private static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
