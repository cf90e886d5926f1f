package com.claribi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.ServerProcess;
import com.claribi.support.TestClient;
import com.claribi.support.TestDatabase;
import com.claribi.support.TestRedis;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * One server process as an operator runs it in production: probes and metrics on the management port, JSON logs, Redis
 * for the budgets, a grace period at shutdown. What API.md's "Operations" promises, seen from outside: the probes, the
 * Prometheus metrics after some traffic, the access log (and that nothing secret reaches the output), and SIGTERM: 503
 * at once, still serving through the grace period, then an in-flight request finishes and the process exits 0.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsIntegrationTests {

    private static final String ADMIN = "ops@example.com";
    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration GRACE = Duration.ofSeconds(3);

    private Path dir;
    private TestRedis redis;
    private ServerProcess server;
    private TestClient api;
    private String management;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("claribi-operations-");
        redis = new TestRedis();
        Map<String, String> environment = new HashMap<>(ServerProcess.environment(TestDatabase.newDatabase()));
        environment.put("CLARIBI_BOOTSTRAP_ADMIN_EMAIL", ADMIN);
        environment.put("CLARIBI_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD);
        environment.put("CLARIBI_REDIS_URL", redis.url());
        int managementPort = ServerIntegrationTest.freePort();
        environment.put("CLARIBI_MANAGEMENT_PORT", String.valueOf(managementPort));
        environment.put("CLARIBI_LOG_FORMAT", "json");
        environment.put("CLARIBI_SHUTDOWN_GRACE", GRACE.toString());
        environment.put("CLARIBI_RATE_LIMIT_API_KEY_PER_MINUTE", "3");
        environment.put("CLARIBI_DATABASE_POOL_SIZE", "5");
        server = ServerProcess.start(dir.resolve("data"), environment);
        api = server.client();
        management = "http://127.0.0.1:" + managementPort;
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void probesWhenServingThenUpAndNothingElseExposed() {
        // The API answers as soon as Tomcat has started, while the application is still starting: liveness follows at
        // ApplicationStartedEvent and readiness once it has finished starting (ApplicationReadyEvent, after the
        // start-up
        // runners), a moment later. A proxy waits for that.
        awaitStatus(management + "/actuator/health/liveness", 200, Duration.ofSeconds(10));
        awaitStatus(management + "/actuator/health/readiness", 200, Duration.ofSeconds(10));
        TestClient.Response readiness = api.get(management + "/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
        assertThat(api.get(management + "/actuator/env").status()).isEqualTo(404);
        assertThat(api.get(management + "/actuator/beans").status()).isEqualTo(404);
        assertThat(api.get(management + "/actuator").status()).isEqualTo(404);
        assertThat(api.get("/actuator/health").status())
                .as("the API's port serves no actuator endpoint")
                .isEqualTo(404);
        assertThat(api.get("/api/health/").status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void redisWhenStoppedThenStillReadyAndHealthShowsRedisDownUntilItIsBack() {
        redis.stop();
        awaitStatus(management + "/actuator/health", 503, Duration.ofSeconds(10));
        assertThat(api.get(management + "/actuator/health")
                        .json()
                        .path("components")
                        .path("redis")
                        .path("status")
                        .asString())
                .isEqualTo("DOWN");
        assertThat(api.get(management + "/actuator/health/readiness").status())
                .as("the process still serves, on per-process budgets: it stays in the proxy's rotation")
                .isEqualTo(200);
        assertThat(api.get(management + "/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(api.get("/api/health/").status()).isEqualTo(200);
        redis.start();
        awaitStatus(management + "/actuator/health", 200, Duration.ofSeconds(10));
        assertThat(api.get(management + "/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void trafficThenPrometheusShowsEveryOperationsMetric() {
        Map<String, String> session = api.login(ADMIN, PASSWORD);
        String bearer = TestClient.bearer(session.get("access"));
        assertThat(api.post("/api/auth/login/", Map.of("email", ADMIN, "password", "wrong password"))
                        .status())
                .isEqualTo(401);
        TestClient.Response key =
                api.post("/api/api-keys/", Map.of("name", "metrics", "scope", "read_only"), "Authorization", bearer);
        assertThat(key.status()).isEqualTo(201);
        String secret = key.json().path("key").asString();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(api.get("/api/auth/status/", "X-API-Key", secret).status());
        }
        assertThat(statuses).as("a budget of 3 a minute").containsExactly(200, 200, 200, 429);
        assertThat(api.get("/api/auth/status/", "Authorization", "Bearer not-a-token")
                        .status())
                .isEqualTo(401);
        assertThat(api.post("/api/auth/logout/", Map.of("refresh", session.get("refresh")), "Authorization", bearer)
                        .status())
                .isBetween(200, 299);

        String metrics = awaitMetrics(text -> text.contains("claribi_session_revocations_newest_age_seconds ")
                && !text.contains("claribi_session_revocations_newest_age_seconds NaN"));
        assertThat(metrics)
                .contains("http_server_requests_seconds_bucket{")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*status=\"200\""
                        + "[^}]*uri=\"/api/auth/status\"")
                .containsPattern("claribi_authentications_total\\{credential=\"password\",outcome=\"success\"} ")
                .containsPattern(
                        "claribi_authentications_total\\{credential=\"password\",outcome=\"invalid_credentials\"} ")
                .containsPattern("claribi_authentications_total\\{credential=\"api_key\",outcome=\"success\"} ")
                .containsPattern("claribi_authentications_total\\{credential=\"access_token\",outcome=\"success\"} ")
                .containsPattern(
                        "claribi_authentications_total\\{credential=\"access_token\",outcome=\"invalid_token\"} ")
                .containsPattern("claribi_rate_limit_refusals_total\\{budget=\"key\"} 1")
                .containsPattern("executor_queued_tasks\\{name=\"password-hashing\"}")
                .contains("claribi_password_hashing_refused_total ")
                .contains("claribi_api_key_activity_queue ")
                .contains("claribi_api_key_activity_dropped_total ")
                .contains("claribi_rate_limit_redis_fallbacks_total ")
                .contains("claribi_session_revocations_newest_age_seconds ")
                .contains("hikaricp_connections_max{pool=\"claribi\"} 5.0");
    }

    @Test
    @Order(4)
    void requestIdWhenNotFromATrustedProxyThenANewOneIsEchoed() {
        TestClient.Response response = api.get("/api/health/", "X-Request-Id", "chosen-by-the-client");
        assertThat(response.header("X-Request-Id"))
                .isNotEqualTo("chosen-by-the-client")
                .hasSize(36);
        assertThat(api.get("/api/nothing-here/").header("X-Request-Id")).hasSize(36);
    }

    @Test
    @Order(5)
    void logsWhenJsonThenEveryLineIsAnEcsObjectAndTheAccessLogHasNoSecret() {
        Map<String, String> session = api.login(ADMIN, PASSWORD);
        TestClient.Response key = api.post(
                "/api/api-keys/",
                Map.of("name", "logged", "scope", "read_only"),
                "Authorization",
                TestClient.bearer(session.get("access")));
        String secret = key.json().path("key").asString();
        String prefix = key.json().path("prefix").asString();
        long keyId = key.json().path("id").asLong();
        TestClient.Response byKey = api.get("/api/api-keys/" + keyId + "/", "X-API-Key", secret);
        String requestId = byKey.header("X-Request-Id");

        JsonNode line = awaitAccessLine(requestId);
        assertThat(line.path("log").path("logger").asString()).isEqualTo("com.claribi.access");
        assertThat(line.path("http").path("request").path("method").asString()).isEqualTo("GET");
        assertThat(line.path("http").path("route").asString()).isEqualTo("/api/api-keys/{id}");
        assertThat(line.path("http").path("response").path("status_code").asInt())
                .isEqualTo(byKey.status());
        assertThat(line.path("event").path("duration").asLong()).isPositive();
        assertThat(line.path("client").path("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(line.path("claribi").path("api_key").path("prefix").asString())
                .isEqualTo(prefix);
        assertThat(line.path("message").asString())
                .startsWith("GET /api/api-keys/{id} " + byKey.status() + " ")
                .contains("principal=key:" + prefix, "client=127.0.0.1", "request=" + requestId);

        String output = server.output();
        for (String text : output.split("\n")) {
            if (text.isBlank() || text.startsWith("WARNING:")) {
                continue; // the JVM's own warnings, before logging starts
            }
            JsonNode json = TestClient.JSON.readTree(text);
            assertThat(json.path("@timestamp").isMissingNode()).as(text).isFalse();
            assertThat(json.path("log").path("level").isMissingNode()).as(text).isFalse();
            assertThat(json.path("ecs").path("version").isMissingNode())
                    .as(text)
                    .isFalse();
        }
        assertThat(output)
                .doesNotContain(PASSWORD)
                .doesNotContain(secret)
                .doesNotContain(session.get("access"))
                .doesNotContain(session.get("refresh"));
    }

    @Test
    @Order(6)
    void sigtermThenNotReadyAtOnceServingThroughTheGraceThenInFlightFinishesAndExitZero() throws Exception {
        byte[] body = TestClient.JSON.writeValueAsBytes(Map.of("email", ADMIN, "password", PASSWORD));
        try (SSLSocket slow = (SSLSocket)
                TestClient.trusting(server.certificate()).getSocketFactory().createSocket("localhost", server.port())) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /api/auth/login/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 10);
            out.flush();
            Thread.sleep(500);

            long terminated = System.nanoTime();
            server.terminate();
            awaitStatus(management + "/actuator/health/readiness", 503, Duration.ofSeconds(2));
            long notReady = System.nanoTime() - terminated;
            assertThat(api.get("/api/health/").status())
                    .as("new requests are served during the grace period")
                    .isEqualTo(200);

            awaitRefused(GRACE.plusSeconds(10));
            long refused = System.nanoTime() - terminated;
            assertThat(Duration.ofNanos(refused)).isGreaterThanOrEqualTo(GRACE.minusMillis(500));

            out.write(body, 10, body.length - 10);
            out.flush();
            String response = new String(slow.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200").contains("\"access\"");
            int exit = server.awaitExit(Duration.ofSeconds(30));
            System.out.printf(
                    "SIGTERM: readiness 503 after %d ms, new connections refused after %d ms, exit %d after %d ms%n",
                    notReady / 1_000_000, refused / 1_000_000, exit, (System.nanoTime() - terminated) / 1_000_000);
            assertThat(exit).isZero();
        }
        assertThat(server.output()).contains("Shutting down: readiness answers 503");
    }

    private JsonNode awaitAccessLine(String requestId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (String text : server.output().split("\n")) {
                if (text.startsWith("{") && text.contains(requestId) && text.contains("com.claribi.access")) {
                    return TestClient.JSON.readTree(text);
                }
            }
            assertThat(System.nanoTime()).as("access log line of " + requestId).isLessThan(deadline);
            pause(50);
        }
    }

    private String awaitMetrics(Predicate<String> ready) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            TestClient.Response response = api.get(management + "/actuator/prometheus");
            assertThat(response.status()).isEqualTo(200);
            if (ready.test(response.text()) || System.nanoTime() > deadline) {
                return response.text();
            }
            pause(100);
        }
    }

    /**
     * Waits until {@code url} answers {@code status}. A refused connection counts as not yet: the management port starts
     * listening after the API's port answers (in its own context, at the end of the start), later still when the
     * start is slow.
     */
    private void awaitStatus(String url, int status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last;
        do {
            try {
                last = api.get(url).status();
            } catch (UncheckedIOException refused) {
                last = -1;
            }
            if (last == status) {
                return;
            }
            pause(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(url + " answered " + last + ", not " + status + ", for " + timeout);
    }

    /** Waits until the API's port refuses new connections. */
    private void awaitRefused(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket socket = new Socket("localhost", server.port())) {
                assertThat(System.nanoTime()).as("new connections refused").isLessThan(deadline);
            } catch (ConnectException refused) {
                return;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            pause(50);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
