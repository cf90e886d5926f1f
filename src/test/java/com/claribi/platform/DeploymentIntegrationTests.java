package com.claribi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.ProjectVersion;
import com.claribi.support.ProxiedClient;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.ServerProcess;
import com.claribi.support.TestClient;
import com.claribi.support.TestDatabase;
import com.claribi.support.TestHaproxy;
import com.claribi.support.TestRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment of docs/operations.md, end to end with real parts only: HAProxy from the machine's package running
 * {@code deploy/haproxy.cfg} as is, in front of three server processes (TLS off, the proxy trusted, one management port
 * each) on one PostgreSQL and one Redis (the machine's {@code redis-server}). Under continuous load from 50 clients
 * through the proxy (logins, reads and writes with sessions and with API keys): a session works on every process and
 * its logout is refused by all within a second; a budget is shared (never more than it, at least 95%); a rolling restart fails no request; a
 * {@code kill -9} fails only what was in flight on that process; Redis and then PostgreSQL go away and come back, and
 * nothing acknowledged is lost. Each figure is printed on a line of its own starting with {@code Deployment:}.
 *
 * <p>Runs in a failsafe pass of its own on PostgreSQL ({@code integration-tests-deployment}, after the others, alone),
 * and only when asked: {@code CLARIBI_DEPLOYMENT_TESTS=required}, which CI's {@code .ci/run} sets after installing
 * HAProxy and {@code redis-server} (with it set, a missing one fails the test). It takes two to three minutes on two
 * cores, most of it seven starts of a server process under load. Each new process takes 11-17 s to serve here while the
 * other two serve the load (8.5-11 CPU-seconds of its own on a machine whose two cores are busy): a restart is back in
 * the proxy's rotation 16-23 s after its SIGTERM, against the 10 s of docs/operations.md. The test asserts the part a
 * deployment controls, back in rotation within 10 s of the new process serving, and prints the whole.
 */
@EnabledIfSystemProperty(named = "claribi.test.database", matches = "postgres")
class DeploymentIntegrationTests {

    private static final String ADMIN = "ops@deploy.example";
    private static final String PASSWORD = "correct horse battery staple";
    private static final int SERVERS = 3;
    private static final int CLIENTS = 50;
    /** API-key requests per key in the (hour-long) window: small, so that the load rotates keys and a burst spends one. */
    private static final int KEY_BUDGET = 40;
    /** Longer than the proxy's checks take to drain a process (1 s, then 250 ms: about 1.5 s), shorter than 10 s. */
    private static final Duration GRACE = Duration.ofSeconds(3);

    private static final Duration BACK_IN_SERVICE = Duration.ofSeconds(10);
    private static final Duration REVOKED_EVERYWHERE = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int BURST = 100;

    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>();
    private final HttpClient management = HttpClient.newHttpClient();
    private final List<ServerProcess> servers = new ArrayList<>();
    private final int[] ports = new int[SERVERS];
    private final int[] managementPorts = new int[SERVERS];

    @Test
    void threeProcessesBehindHaproxyUnderLoadThroughRestartsAndOutages() throws Exception {
        installedOrSkipped();
        long testStarted = System.nanoTime();
        try (TestRedis redis = TestRedis.installed()) {
            environment.putAll(ServerProcess.environment(TestDatabase.newDatabase()));
            byte[] masterKey = new byte[32];
            new SecureRandom().nextBytes(masterKey);
            environment.put("CLARIBI_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey));
            environment.put("CLARIBI_REDIS_URL", redis.url());
            environment.put("CLARIBI_TLS", "off");
            environment.put("CLARIBI_TRUSTED_PROXIES", "127.0.0.1/32");
            environment.put("CLARIBI_SHUTDOWN_GRACE", GRACE.toString());
            environment.put("CLARIBI_BOOTSTRAP_ADMIN_EMAIL", ADMIN);
            environment.put("CLARIBI_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD);
            environment.put("CLARIBI_RATE_LIMIT_API_KEY_PER_MINUTE", String.valueOf(KEY_BUDGET));
            environment.put("CLARIBI_RATE_LIMIT_JWT_PER_MINUTE", "1000000");
            environment.put("CLARIBI_RATE_LIMIT_WINDOW", "PT1H");
            // All 50 clients sign in to one account through the proxy's one address, all at once at the start: an
            // attempt still being hashed counts against the failed-attempt budgets until it resolves, which on a
            // loaded machine takes longer than the throttle waits. The throttle has its own tests; this one is about
            // the deployment.
            environment.put("CLARIBI_LOGIN_THROTTLE_PER_ACCOUNT_AND_ADDRESS", "100000");
            environment.put("CLARIBI_LOGIN_THROTTLE_PER_ACCOUNT", "100000");
            Map<String, String> proxied = new HashMap<>();
            for (int i = 0; i < SERVERS; i++) {
                ports[i] = ServerIntegrationTest.freePort();
                managementPorts[i] = ServerIntegrationTest.freePort();
                proxied.put("CLARIBI_SERVER_" + (i + 1), "127.0.0.1:" + ports[i]);
                proxied.put("CLARIBI_SERVER_" + (i + 1) + "_MANAGEMENT_PORT", String.valueOf(managementPorts[i]));
                servers.add(null);
            }
            try {
                // The first process migrates the new database and creates the administrator; the others then join.
                servers.set(0, launch(0));
                try (ExecutorService starting = Executors.newFixedThreadPool(SERVERS - 1)) {
                    List<Future<ServerProcess>> started = new ArrayList<>();
                    for (int i = 1; i < SERVERS; i++) {
                        int index = i;
                        started.add(starting.submit(() -> launch(index)));
                    }
                    for (int i = 1; i < SERVERS; i++) {
                        servers.set(i, started.get(i - 1).get());
                    }
                }
                for (int i = 0; i < SERVERS; i++) {
                    awaitReadiness(i, 200);
                }
                figure("3 server processes started in %d s (%s)", secondsSince(testStarted), Launcher.DESCRIPTION);
                try (TestHaproxy proxy = TestHaproxy.start(dir, proxied)) {
                    run(proxy, redis);
                }
            } finally {
                for (ServerProcess server : servers) {
                    if (server != null) {
                        server.close();
                    }
                }
            }
        } finally {
            figure("wall time %d s", secondsSince(testStarted));
        }
    }

    private void run(TestHaproxy proxy, TestRedis redis) throws Exception {
        TestClient api = proxy.newClient();
        String admin = api.as(ADMIN, PASSWORD);
        try (Load load = new Load(proxy)) {
            load.awaitAnswers(300);
            await("every process serves the load", () -> load.servedBy().size() == SERVERS);

            load.phase("sessions");
            sessionOnEveryProcessThenLogoutRefusedByAll(api);

            load.phase("budget");
            Map<String, Integer> shared = burstOnNewKey(api, admin);
            figure(
                    "shared budget: %d of %d simultaneous requests admitted across %d processes for a budget of %d",
                    shared.getOrDefault("200", 0), BURST, shared.get("processes"), KEY_BUDGET);
            assertThat(shared.get("processes"))
                    .as("the burst reached every process")
                    .isEqualTo(SERVERS);
            // Never more than the budget; not exactly it, since a process may still hold leased tokens when the
            // others run out (see SharedRateLimitAcrossProcessesIntegrationTests).
            assertThat(shared.getOrDefault("200", 0))
                    .isLessThanOrEqualTo(KEY_BUDGET)
                    .isGreaterThanOrEqualTo(KEY_BUDGET * 95 / 100);

            for (int i = 0; i < SERVERS; i++) {
                load.phase("rolling restart");
                long terminated = System.nanoTime();
                servers.get(i).terminate();
                int exit = servers.get(i).awaitExit(TIMEOUT);
                long exited = System.nanoTime();
                CpuTime before = CpuTime.now();
                servers.set(i, launch(i));
                long ready = System.nanoTime();
                CpuTime starting = CpuTime.now().since(before);
                long inService = load.awaitServedBy(i, ready);
                figure(
                        "rolling restart of claribi%d: exit %d after %d ms (grace %d s), new process serving %d ms"
                                + " later, back in the proxy's rotation %d ms after that; %d ms from SIGTERM. While it"
                                + " started, its JVM used %.1f CPU-s, the machine's cores %.1f, this test's JVM (the"
                                + " load's 50 clients) %.1f",
                        i + 1,
                        exit,
                        millis(exited - terminated),
                        GRACE.toSeconds(),
                        millis(ready - exited),
                        millis(inService - ready),
                        millis(inService - terminated),
                        CpuTime.ofProcess(servers.get(i).pid()),
                        starting.machine(),
                        starting.thisProcess());
                assertThat(exit).isZero();
                assertThat(Duration.ofNanos(inService - ready))
                        .as("claribi%d back in the proxy's rotation once its new process serves", i + 1)
                        .isLessThan(BACK_IN_SERVICE);
            }
            Load.Tally restart = load.tally("rolling restart");
            figure(
                    "rolling restart: %d requests, %d failed (connection errors %d, 5xx %d), %d refused 429",
                    restart.requests(),
                    restart.failed(),
                    restart.connectionErrors(),
                    restart.serverErrors(),
                    restart.limited());
            assertThat(restart.failures())
                    .as("failed requests during the rolling restart")
                    .isEmpty();

            load.phase("kill -9");
            ServerProcess victim = servers.get(1);
            long answersBefore = load.answers();
            victim.kill();
            victim.awaitExit(TIMEOUT);
            long dead = System.nanoTime();
            await("the load goes on without claribi2", () -> load.answers() > answersBefore + 200);
            // An answer claribi2 sent before it died may still reach its client a little later (from the proxy's or
            // the socket's buffers), so "later" begins a second after its exit.
            assertThat(load.lastServedBy(1))
                    .as("the last answer of claribi2, which died")
                    .isLessThan(dead + Duration.ofSeconds(1).toNanos());
            load.phase("after kill -9");
            servers.set(1, launch(1));
            long relaunched = System.nanoTime();
            long backAfterKill = load.awaitServedBy(1, relaunched);
            Load.Tally kill = load.tally("kill -9");
            figure(
                    "kill -9 of claribi2: %d of %d requests failed (%s); back in service %d ms after its new process"
                            + " started",
                    kill.failed(), kill.requests(), kill.failures(), millis(backAfterKill - relaunched));
            // What claribi2 had in flight: at most one request per client, each a 502 from the proxy or, on the
            // client's HTTP/2 connection to the proxy, a stream the proxy reset as not processed.
            assertThat(kill.failures())
                    .as("only what claribi2 had in flight")
                    .hasSizeLessThanOrEqualTo(CLIENTS)
                    .allMatch(failure -> failure.startsWith("502 claribi2") || failure.startsWith("connection error"));
            assertThat(load.tally("after kill -9").failures()).isEmpty();

            load.phase("redis down");
            redis.stop();
            await("every process sees Redis down", () -> redisOnEveryProcess("DOWN"));
            Map<String, Integer> fallback = burstOnNewKey(api, admin);
            figure(
                    "Redis down: %d of %d simultaneous requests admitted for a budget of %d, each process on its own",
                    fallback.getOrDefault("200", 0), BURST, KEY_BUDGET);
            assertThat(fallback.getOrDefault("200", 0))
                    .as("budgets fall back to one per process")
                    .isGreaterThan(KEY_BUDGET)
                    .isLessThanOrEqualTo(SERVERS * KEY_BUDGET);
            redis.start();
            await("every process uses Redis again", () -> redisOnEveryProcess("UP"));
            load.phase("redis back");
            Map<String, Integer> back = burstOnNewKey(api, admin);
            figure(
                    "Redis back: %d of %d simultaneous requests admitted for a budget of %d",
                    back.getOrDefault("200", 0), BURST, KEY_BUDGET);
            assertThat(back.getOrDefault("200", 0))
                    .isLessThanOrEqualTo(KEY_BUDGET)
                    .isGreaterThanOrEqualTo(KEY_BUDGET * 95 / 100);
            Load.Tally redisOutage = load.tally("redis down");
            figure(
                    "Redis outage: %d requests, %d failed, %d refused 429",
                    redisOutage.requests(), redisOutage.failed(), redisOutage.limited());
            assertThat(redisOutage.failures()).isEmpty();
            assertThat(load.tally("redis back").failures()).isEmpty();

            load.phase("before database outage");
            int acknowledgedBefore = load.acknowledged().size();
            long rowsBefore = dashboardRows();
            load.phase("database down");
            TestDatabase.stopPostgres();
            long stopped = System.nanoTime();
            await("the proxy answers 503 itself: every process is out of rotation", load::proxyUnavailable);
            long proxyUnavailable = System.nanoTime();
            TestDatabase.startPostgres();
            long restarted = System.nanoTime();
            // Until every process is ready and the proxy has taken them back, 503s are still the outage's.
            for (int i = 0; i < SERVERS; i++) {
                awaitReadiness(i, 200);
            }
            long recovered = load.awaitWrite(restarted);
            for (int i = 0; i < SERVERS; i++) {
                load.awaitServedBy(i, recovered);
            }
            load.phase("database back");
            Load.Tally outage = load.tally("database down");
            figure(
                    "PostgreSQL down %d ms: %d requests, %d answered 503 (%d by the proxy once all were out of"
                            + " rotation, after %d ms), all with Retry-After and the API's error body; %d other"
                            + " failures",
                    millis(restarted - stopped),
                    outage.requests(),
                    outage.unavailable(),
                    load.proxyUnavailableCount(),
                    millis(proxyUnavailable - stopped),
                    outage.failed() - outage.unavailable());
            figure(
                    "PostgreSQL back: writes acknowledged again %d ms after it restarted",
                    millis(recovered - restarted));
            assertThat(outage.unavailable()).isPositive();
            assertThat(load.unavailableWithoutRetryAfter()).isEmpty();
            assertThat(outage.failures()).allMatch(failure -> failure.startsWith("503 "));
            assertThat(load.tally("database back").failures()).isEmpty();
            load.awaitAnswers(load.answers() + 200);

            load.stop();
            Set<Long> acknowledged = load.acknowledged();
            Set<Long> rows = dashboardIds();
            long attempted = load.unacknowledgedWrites();
            figure(
                    "rows: %d acknowledged (201) before the database outage (%d rows), %d in all; %d rows in the"
                            + " database, every acknowledged one among them; %d writes unacknowledged (5xx or no answer)",
                    acknowledgedBefore, rowsBefore, acknowledged.size(), rows.size(), attempted);
            assertThat(rows).as("every acknowledged row").containsAll(acknowledged);
            assertThat((long) rows.size())
                    .as("no row written twice: at most one per write that was not acknowledged")
                    .isLessThanOrEqualTo(acknowledged.size() + attempted);
            Load.Tally all = load.tally(null);
            figure(
                    "load: %d clients, %d requests in %d s (%d/s), %d logins, %d writes acknowledged, %d refused 429,"
                            + " %d failed",
                    CLIENTS,
                    all.requests(),
                    load.seconds(),
                    all.requests() / Math.max(1, load.seconds()),
                    load.logins(),
                    acknowledged.size(),
                    all.limited(),
                    all.failed());
            assertThat(load.unexpected())
                    .as("answers the contract does not allow")
                    .isEmpty();
        }
    }

    /** Login through the proxy; the session answers on every process; after logout every process refuses it. */
    private void sessionOnEveryProcessThenLogoutRefusedByAll(TestClient api) {
        Map<String, String> session = api.login(ADMIN, PASSWORD);
        String bearer = TestClient.bearer(session.get("access"));
        Set<String> servedBy = new HashSet<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (servedBy.size() < SERVERS) {
            TestClient.Response status = api.get("/api/auth/status/", "Authorization", bearer);
            assertThat(status.status()).as(status.text()).isEqualTo(200);
            servedBy.add(status.header("X-Served-By"));
            assertThat(System.nanoTime())
                    .as("the session reaches every process")
                    .isLessThan(deadline);
        }
        TestClient.Response logout = api.post("/api/auth/logout/", Map.of(), "Authorization", bearer);
        assertThat(logout.status()).as(logout.text()).isEqualTo(204);
        long loggedOut = System.nanoTime();
        // Each process is asked directly, all at once, until it refuses the session. The times are when the requests
        // were sent, after the logout's 204: the last one it accepted (-1 for none) and the first one it refused; on a
        // loaded machine one answer can take seconds, so the first refusal may be sent long after the revocation.
        List<String> times = new ArrayList<>();
        try (ExecutorService pollers = Executors.newFixedThreadPool(SERVERS)) {
            List<Future<String>> polls = new ArrayList<>();
            for (int i = 0; i < SERVERS; i++) {
                ProxiedClient direct = new ProxiedClient(ports[i]);
                int index = i;
                polls.add(pollers.submit(() -> {
                    long accepted = -1;
                    while (true) {
                        long sent = System.nanoTime() - loggedOut;
                        TestClient.Response status =
                                direct.get("/api/auth/status/", "127.0.0.1", "Authorization", bearer);
                        if (status.status() == 401) {
                            return "claribi%d accepted it last at %d ms, refused it at %d ms"
                                    .formatted(index + 1, accepted, millis(sent));
                        }
                        assertThat(status.status()).isEqualTo(200);
                        assertThat(Duration.ofNanos(sent))
                                .as("claribi%d refuses the session after logout", index + 1)
                                .isLessThan(REVOKED_EVERYWHERE);
                        accepted = millis(sent);
                        ServerProcess.pause(Duration.ofMillis(20));
                    }
                }));
            }
            for (Future<String> poll : polls) {
                try {
                    times.add(poll.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof AssertionError failed ? failed : new AssertionError(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        figure(
                "session: used on claribi1-%d through the proxy; after logout (requests sent ... after the 204): %s",
                SERVERS, String.join("; ", times));
    }

    /** {@link #BURST} simultaneous requests with {@code key} through the proxy; the count of 200s and processes. */
    private static Map<String, Integer> burst(TestClient api, String key) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<TestClient.Response>> responses = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(BURST)) {
            for (int i = 0; i < BURST; i++) {
                responses.add(threads.submit(() -> {
                    start.await();
                    return api.get("/api/auth/status/", "X-API-Key", key);
                }));
            }
            start.countDown();
            Map<String, Integer> counts = new TreeMap<>();
            Set<String> processes = new HashSet<>();
            for (Future<TestClient.Response> future : responses) {
                TestClient.Response response = future.get();
                assertThat(response.status()).as(response.text()).isIn(200, 429);
                counts.merge(String.valueOf(response.status()), 1, Integer::sum);
                processes.add(response.header("X-Served-By"));
            }
            counts.put("processes", processes.size());
            return counts;
        }
    }

    /** {@link #burst} with a new read-only key, revoked afterwards (a user holds at most 100 usable keys). */
    private static Map<String, Integer> burstOnNewKey(TestClient api, String session) throws Exception {
        TestClient.Response created =
                api.post("/api/api-keys/", Map.of("name", "burst", "scope", "read_only"), "Authorization", session);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        Map<String, Integer> counts = burst(api, created.json().path("key").asString());
        long id = created.json().path("id").asLong();
        assertThat(api.post("/api/api-keys/" + id + "/revoke/", Map.of(), "Authorization", session)
                        .status())
                .isEqualTo(200);
        return counts;
    }

    /** Starts process {@code index} on its ports, through the one way this test starts a server. */
    private ServerProcess launch(int index) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("CLARIBI_MANAGEMENT_PORT", String.valueOf(managementPorts[index]));
        return ServerProcess.start(Launcher.command(), dir.resolve("data-" + (index + 1)), ports[index], env);
    }

    private int managementStatus(int index, String path) {
        try {
            return management
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPorts[index] + path))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReadiness(int index, int status) {
        await(
                "claribi" + (index + 1) + " readiness " + status,
                () -> managementStatus(index, "/actuator/health/readiness") == status);
    }

    private boolean redisOnEveryProcess(String status) {
        for (int i = 0; i < SERVERS; i++) {
            try {
                String body = management
                        .send(
                                HttpRequest.newBuilder(URI.create(
                                                "http://127.0.0.1:" + managementPorts[i] + "/actuator/health"))
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                if (!status.equals(TestClient.JSON
                        .readTree(body)
                        .path("components")
                        .path("redis")
                        .path("status")
                        .asString())) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return true;
    }

    private Set<Long> dashboardIds() throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection connection =
                        DriverManager.getConnection(environment.get("CLARIBI_DATABASE_URL"), "postgres", "postgres");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select id from dashboards")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    private long dashboardRows() throws SQLException {
        return dashboardIds().size();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            ServerProcess.pause(Duration.ofMillis(50));
        }
    }

    private static void figure(String format, Object... args) {
        System.out.println("Deployment: " + String.format(format, args));
    }

    /**
     * CPU seconds from {@code /proc} (Linux): the whole machine's busy time (every state but idle and I/O wait) and this
     * JVM's, at one instant or between two.
     */
    private record CpuTime(double machine, double thisProcess) {

        /** Clock ticks per second ({@code getconf CLK_TCK}), 100 on every Linux this runs on. */
        private static final double TICKS = 100;

        static CpuTime now() {
            try {
                String[] total = Files.readAllLines(Path.of("/proc/stat"))
                        .getFirst()
                        .trim()
                        .split("\\s+");
                // "cpu user nice system idle iowait irq softirq steal ...": busy is all but idle and iowait (guest time
                // is counted in user already).
                double busy = 0;
                for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                    busy += Long.parseLong(total[field]);
                }
                return new CpuTime(
                        busy / TICKS, ofProcess(ProcessHandle.current().pid()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        CpuTime since(CpuTime earlier) {
            return new CpuTime(machine - earlier.machine, thisProcess - earlier.thisProcess);
        }

        /** The user and system time of process {@code pid} so far. */
        static double ofProcess(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
                // After the command name in parentheses: state is field 3, utime 14 and stime 15.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    private static long secondsSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toSeconds();
    }

    /**
     * Runs only when asked ({@code CLARIBI_DEPLOYMENT_TESTS=required}), and then fails if HAProxy, {@code redis-server}
     * or the unpacked distribution is missing.
     */
    private static void installedOrSkipped() {
        boolean asked = "required".equals(System.getenv("CLARIBI_DEPLOYMENT_TESTS"));
        Assumptions.assumeTrue(asked, "the deployment test runs with CLARIBI_DEPLOYMENT_TESTS=required");
        assertThat(Files.isExecutable(TestHaproxy.INSTALLED) && Files.isExecutable(TestRedis.INSTALLED))
                .as(
                        "CLARIBI_DEPLOYMENT_TESTS=required, but %s or %s is missing (apt-get install haproxy"
                                + " redis-server)",
                        TestHaproxy.INSTALLED, TestRedis.INSTALLED)
                .isTrue();
        assertThat(Files.isExecutable(Launcher.HOME.resolve("bin").resolve("claribi")))
                .as("CLARIBI_DEPLOYMENT_TESTS=required, but %s is missing (-DskipDist?)", Launcher.HOME)
                .isTrue();
    }

    /**
     * How this test starts a server process: {@code bin/claribi} of the distribution that {@code package} unpacked into
     * {@code target/dist/claribi-VERSION/}, on its bundled runtime, as an operator starts it. Nothing else will do.
     */
    private static final class Launcher {

        static final Path HOME = Path.of("target", "dist", "claribi-" + ProjectVersion.ofPom());
        static final String DESCRIPTION = HOME.resolve("bin").resolve("claribi") + " (the unpacked distribution)";

        static List<String> command() {
            Path launcher = HOME.resolve("bin").resolve("claribi");
            assertThat(Files.isExecutable(launcher))
                    .as("%s, the unpacked distribution (built by `package` unless -DskipDist)", launcher)
                    .isTrue();
            return List.of(launcher.toAbsolutePath().toString());
        }
    }

    /**
     * 50 clients, each with its own connections to the proxy, each signed in with a session and holding a read-write
     * API key of its own; each in turn signs in again, reads and writes (creates dashboards) with its session or its
     * key, and makes a new key when its key's budget is spent. Every answer is tallied under the phase it was sent in.
     */
    private final class Load implements AutoCloseable {

        record Tally(
                long requests,
                long limited,
                long connectionErrors,
                long serverErrors,
                long unavailable,
                List<String> failures) {

            long failed() {
                return connectionErrors + serverErrors;
            }
        }

        private final TestHaproxy proxy;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();
        private final long started = System.nanoTime();
        private volatile long stopped;
        private volatile String phase = "warm-up";
        private final Map<String, Map<String, AtomicLong>> counts = new ConcurrentHashMap<>();
        private final Map<String, ConcurrentLinkedQueue<String>> failures = new ConcurrentHashMap<>();
        private final Map<String, Long> lastServed = new ConcurrentHashMap<>();
        private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> unavailableWithoutRetryAfter = new ConcurrentLinkedQueue<>();
        private final AtomicLong answers = new AtomicLong();
        private final AtomicLong logins = new AtomicLong();
        private final AtomicLong unacknowledgedWrites = new AtomicLong();
        private final AtomicLong proxyUnavailable = new AtomicLong();
        private final AtomicLong lastWrite = new AtomicLong();
        private final ConcurrentLinkedQueue<Long> answerTimes = new ConcurrentLinkedQueue<>();

        Load(TestHaproxy proxy) {
            this.proxy = proxy;
            for (int i = 0; i < CLIENTS; i++) {
                threads.add(Thread.ofPlatform().name("client-" + i).start(this::client));
            }
        }

        private void client() {
            TestClient api = proxy.newClient();
            String session = null;
            String key = null;
            long keyId = 0;
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int n = 0;
            while (running.get()) {
                try {
                    if (session == null || random.nextInt(100) < 2) {
                        TestClient.Response login =
                                send(api, "POST", "/api/auth/login/", Map.of("email", ADMIN, "password", PASSWORD));
                        if (login.status() == 200) {
                            logins.incrementAndGet();
                            session = TestClient.bearer(
                                    login.json().path("access").asString());
                        }
                    } else if (key == null) {
                        TestClient.Response created = send(
                                api,
                                "POST",
                                "/api/api-keys/",
                                Map.of("name", "load", "scope", "read_write"),
                                "Authorization",
                                session);
                        if (created.status() == 201) {
                            key = created.json().path("key").asString();
                            keyId = created.json().path("id").asLong();
                        }
                    } else {
                        boolean byKey = random.nextBoolean();
                        String[] credential =
                                byKey ? new String[] {"X-API-Key", key} : new String[] {"Authorization", session};
                        TestClient.Response response;
                        if (random.nextInt(100) < 30) {
                            response = send(
                                    api,
                                    "POST",
                                    "/api/dashboards/",
                                    Map.of("name", "load " + (++n), "description", "written under load"),
                                    credential);
                            if (response.status() == 201) {
                                acknowledged.add(response.json().path("id").asLong());
                                lastWrite.set(System.nanoTime());
                            } else if (response.status() != 429) {
                                unacknowledgedWrites.incrementAndGet();
                            }
                        } else if (random.nextBoolean()) {
                            response = send(api, "GET", "/api/auth/status/", null, credential);
                        } else {
                            response = send(api, "GET", "/api/dashboards/?page_size=5", null, credential);
                        }
                        if (byKey && response.status() == 429) {
                            // Its budget is spent: revoke it (a user holds at most 100 usable keys), then make another.
                            send(
                                    api,
                                    "POST",
                                    "/api/api-keys/" + keyId + "/revoke/",
                                    Map.of(),
                                    "Authorization",
                                    session);
                            key = null;
                        }
                    }
                    // A person or a script between requests: the load stays continuous without starving the machine
                    // (two cores here, for three servers, PostgreSQL, Redis, HAProxy and the clients).
                    Thread.sleep(random.nextInt(200, 500));
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // Tallied in send; the client carries on, as a real one retries.
                    ServerProcess.pause(Duration.ofMillis(20));
                }
            }
        }

        private TestClient.Response send(TestClient api, String method, String path, Object body, String... headers) {
            String sentIn = phase;
            TestClient.Response response;
            try {
                response = body == null ? api.get(path, headers) : api.post(path, body, headers);
            } catch (UncheckedIOException e) {
                count(sentIn, "connection error");
                failures.computeIfAbsent(sentIn, p -> new ConcurrentLinkedQueue<>())
                        .add("connection error " + method + " " + path + ": " + e.getCause());
                if (method.equals("POST") && path.equals("/api/dashboards/")) {
                    unacknowledgedWrites.incrementAndGet();
                }
                throw e;
            }
            long now = System.nanoTime();
            answers.incrementAndGet();
            String server = response.header("X-Served-By");
            int status = response.status();
            count(sentIn, String.valueOf(status));
            if (server != null && status < 500) {
                lastServed.put(server, now);
            }
            if (status >= 500) {
                failures.computeIfAbsent(sentIn, p -> new ConcurrentLinkedQueue<>())
                        .add(status + " " + server + " " + method + " " + path + " " + response.error());
                if (status == 503) {
                    if (response.header("Retry-After") == null || !"service_unavailable".equals(response.error())) {
                        unavailableWithoutRetryAfter.add(server + " " + response.text());
                    }
                    if ("<NOSRV>".equals(server)) {
                        proxyUnavailable.incrementAndGet();
                    }
                }
            } else if (status != 200 && status != 201 && status != 429) {
                unexpected.add(
                        sentIn + ": " + status + " " + server + " " + method + " " + path + " " + response.text());
            }
            return response;
        }

        private void count(String phase, String outcome) {
            counts.computeIfAbsent(phase, p -> new ConcurrentHashMap<>())
                    .computeIfAbsent(outcome, o -> new AtomicLong())
                    .incrementAndGet();
        }

        void phase(String phase) {
            this.phase = phase;
        }

        /** What was sent in {@code phase} ({@code null}: in every phase). */
        Tally tally(String phase) {
            long requests = 0;
            long limited = 0;
            long connectionErrors = 0;
            long serverErrors = 0;
            long unavailable = 0;
            List<String> failed = new ArrayList<>();
            for (var entry : counts.entrySet()) {
                if (phase != null && !phase.equals(entry.getKey())) {
                    continue;
                }
                for (var outcome : entry.getValue().entrySet()) {
                    long count = outcome.getValue().get();
                    requests += count;
                    switch (outcome.getKey()) {
                        case "429" -> limited += count;
                        case "connection error" -> connectionErrors += count;
                        case "503" -> {
                            unavailable += count;
                            serverErrors += count;
                        }
                        default -> {
                            if (outcome.getKey().startsWith("5")) {
                                serverErrors += count;
                            }
                        }
                    }
                }
                failed.addAll(failures.getOrDefault(entry.getKey(), new ConcurrentLinkedQueue<>()));
            }
            return new Tally(requests, limited, connectionErrors, serverErrors, unavailable, failed);
        }

        long answers() {
            return answers.get();
        }

        void awaitAnswers(long count) {
            await("the load gets " + count + " answers", () -> answers.get() >= count);
        }

        Set<String> servedBy() {
            return lastServed.keySet();
        }

        long lastServedBy(int index) {
            return lastServed.getOrDefault("claribi" + (index + 1), 0L);
        }

        /** Waits until process {@code index} answers a request of the load after {@code since}; when it first did. */
        long awaitServedBy(int index, long since) {
            await("claribi" + (index + 1) + " back in service", () -> lastServedBy(index) > since);
            return lastServedBy(index);
        }

        long awaitWrite(long since) {
            await("a write acknowledged", () -> lastWrite.get() > since);
            return lastWrite.get();
        }

        boolean proxyUnavailable() {
            return proxyUnavailable.get() > 0;
        }

        long proxyUnavailableCount() {
            return proxyUnavailable.get();
        }

        List<String> unavailableWithoutRetryAfter() {
            return List.copyOf(unavailableWithoutRetryAfter);
        }

        List<String> unexpected() {
            return List.copyOf(unexpected);
        }

        Set<Long> acknowledged() {
            return Set.copyOf(acknowledged);
        }

        long unacknowledgedWrites() {
            return unacknowledgedWrites.get();
        }

        long logins() {
            return logins.get();
        }

        long seconds() {
            return Duration.ofNanos((stopped == 0 ? System.nanoTime() : stopped) - started)
                    .toSeconds();
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(60));
            }
            if (stopped == 0) {
                stopped = System.nanoTime();
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
