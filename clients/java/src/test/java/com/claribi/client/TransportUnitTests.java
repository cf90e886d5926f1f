package com.claribi.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the server seldom does on demand (a 503 during a database outage, an unknown error code, a body that is not
 * JSON), answered by a scripted HTTP server in the test JVM.
 */
class TransportUnitTests {

    private record Answer(int status, Map<String, String> headers, String body) {}

    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<String> userAgents = new CopyOnWriteArrayList<>();
    private HttpServer http;
    /** The answer once the script has run out (a 500 when null). */
    private volatile Answer fallback;
    /** Releases the handlers that stall a body (see {@link #STALL}). */
    private final CountDownLatch release = new CountDownLatch(1);
    /** A header of a scripted answer: its headers are sent, then a part of its body, then nothing until the end. */
    private static final String STALL = "X-Test-Stall";

    @BeforeEach
    void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", this::answer);
        http.setExecutor(Executors.newCachedThreadPool());
        http.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        http.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        userAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
        Answer answer = script.poll();
        if (answer == null) {
            answer = fallback;
        }
        if (answer == null) {
            answer = new Answer(500, Map.of(), "{\"error\":\"server_error\",\"message\":\"no answer scripted\"}");
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        if (answer.headers().containsKey(STALL)) {
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body, 0, body.length / 2);
            exchange.getResponseBody().flush();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private ClaribiClient client(Duration maxRetryWait, ClaribiListener listener) {
        return ClaribiClient.builder()
                .baseUrl("http://127.0.0.1:" + http.getAddress().getPort() + "/api/")
                .apiKey("claribi_sk_live_test")
                .maxRetryWait(maxRetryWait)
                .listener(listener)
                .build();
    }

    private static Answer error(int status, String code, Map<String, String> headers) {
        return new Answer(
                status, headers, "{\"error\":\"" + code + "\",\"message\":\"A sentence.\",\"detail\":\"A detail.\"}");
    }

    private static final String ORGANIZATION =
            "{\"id\":1,\"name\":\"Acme\",\"plan\":\"professional\",\"ai_credits_remaining\":1347}";

    @Test
    void serviceUnavailableIsRetriedAfterRetryAfter() {
        script.add(error(503, "service_unavailable", Map.of("Retry-After", "1")));
        script.add(new Answer(200, Map.of("Content-Type", "application/json"), ORGANIZATION));
        Counts counts = new Counts();
        try (ClaribiClient client = client(Duration.ofSeconds(5), counts)) {
            long started = System.nanoTime();
            assertEquals(1347, client.organization().get().aiCreditsRemaining());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMillis(950)) >= 0);
            assertEquals(List.of(Duration.ofSeconds(1)), counts.waits);
        }
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        script.add(error(429, "rate_limited", Map.of("Retry-After", inTwoSeconds)));
        script.add(new Answer(200, Map.of(), ORGANIZATION));
        Counts counts = new Counts();
        try (ClaribiClient client = client(Duration.ofSeconds(5), counts)) {
            client.organization().get();
            assertEquals(1, counts.waits.size());
            assertTrue(counts.waits.get(0).compareTo(Duration.ofSeconds(3)) <= 0, counts.waits.toString());
        }
    }

    @Test
    void waitBeyondTheBoundIsNotAttempted() {
        script.add(error(503, "service_unavailable", Map.of("Retry-After", "120")));
        Counts counts = new Counts();
        try (ClaribiClient client = client(Duration.ofSeconds(5), counts)) {
            ServiceUnavailableException e = assertThrows(
                    ServiceUnavailableException.class,
                    () -> client.organization().get());
            assertEquals(Duration.ofSeconds(120), e.retryAfter());
            assertEquals("A detail.", e.detail());
            assertTrue(counts.waits.isEmpty());
        }
    }

    @Test
    void totalWaitIsBounded() {
        for (int i = 0; i < 5; i++) {
            script.add(error(429, "rate_limited", Map.of("Retry-After", "1")));
        }
        Counts counts = new Counts();
        try (ClaribiClient client = client(Duration.ofSeconds(2), counts)) {
            RateLimitedException e = assertThrows(
                    RateLimitedException.class, () -> client.organization().get());
            assertEquals(Duration.ofSeconds(1), e.retryAfter());
            assertEquals(2, counts.waits.size(), "1 s + 1 s fit in 2 s, a third does not");
        }
    }

    @Test
    void retryAfterZeroWaitsASecondAndEnds() {
        fallback = error(429, "rate_limited", Map.of("Retry-After", "0"));
        Counts counts = new Counts();
        try (ClaribiClient client = client(Duration.ofSeconds(2), counts)) {
            RateLimitedException e = assertTimeoutPreemptively(
                    Duration.ofSeconds(15),
                    () -> assertThrows(
                            RateLimitedException.class,
                            () -> client.organization().get()));
            assertEquals(Duration.ZERO, e.retryAfter());
            assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), counts.waits);
            assertEquals(3, userAgents.size(), "two retries of a second fit in 2 s");
        }
    }

    @Test
    void retryAfterInThePastWaitsASecondAndEnds() {
        String aMinuteAgo = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(1));
        fallback = error(503, "service_unavailable", Map.of("Retry-After", aMinuteAgo));
        Counts counts = new Counts();
        try (ClaribiClient client = client(Duration.ofSeconds(1), counts)) {
            assertTimeoutPreemptively(
                    Duration.ofSeconds(15),
                    () -> assertThrows(
                            ServiceUnavailableException.class,
                            () -> client.organization().get()));
            assertEquals(List.of(Duration.ofSeconds(1)), counts.waits);
            assertEquals(2, userAgents.size());
        }
    }

    @Test
    void maxRetryWaitZeroNeverRetries() {
        fallback = error(429, "rate_limited", Map.of("Retry-After", "0"));
        Counts counts = new Counts();
        try (ClaribiClient client = client(Duration.ZERO, counts)) {
            assertTimeoutPreemptively(
                    Duration.ofSeconds(15),
                    () -> assertThrows(
                            RateLimitedException.class,
                            () -> client.organization().get()));
            assertTrue(counts.waits.isEmpty(), counts.waits.toString());
            assertEquals(1, userAgents.size());
        }
    }

    @Test
    void retriesStopAtTheMostAttempts() {
        fallback = error(503, "service_unavailable", Map.of("Retry-After", "1"));
        Counts counts = new Counts();
        try (ClaribiClient client = client(Duration.ofMinutes(5), counts)) {
            assertTimeoutPreemptively(
                    Duration.ofSeconds(30),
                    () -> assertThrows(
                            ServiceUnavailableException.class,
                            () -> client.organization().get()));
            assertEquals(Transport.MAX_ATTEMPTS, userAgents.size());
            assertEquals(Transport.MAX_ATTEMPTS - 1, counts.waits.size());
        }
    }

    @Test
    void aHugeRetryAfterIsNotWaitedAndDoesNotOverflow() {
        script.add(error(429, "rate_limited", Map.of("Retry-After", "9223372036854775807")));
        script.add(error(429, "rate_limited", Map.of("Retry-After", "99999999999999999999999")));
        Counts counts = new Counts();
        try (ClaribiClient client = client(Duration.ofSeconds(5), counts)) {
            RateLimitedException first = assertThrows(
                    RateLimitedException.class, () -> client.organization().get());
            assertEquals(Transport.MAX_RETRY_AFTER, first.retryAfter());
            RateLimitedException second = assertThrows(
                    RateLimitedException.class, () -> client.organization().get());
            assertEquals(Transport.MAX_RETRY_AFTER, second.retryAfter());
            assertTrue(counts.waits.isEmpty());
        }
    }

    @Test
    void aBodyThatStallsEndsAtTheRequestTimeout() {
        script.add(new Answer(200, Map.of("Content-Type", "application/json", STALL, "yes"), ORGANIZATION));
        try (ClaribiClient client = ClaribiClient.builder()
                .baseUrl("http://127.0.0.1:" + http.getAddress().getPort())
                .apiKey("claribi_sk_live_test")
                .requestTimeout(Duration.ofSeconds(1))
                .build()) {
            long started = System.nanoTime();
            ClaribiConnectionException e = assertTimeoutPreemptively(
                    Duration.ofSeconds(10),
                    () -> assertThrows(
                            ClaribiConnectionException.class,
                            () -> client.organization().get()));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, took.toString());
            assertInstanceOf(TimeoutException.class, e.getCause());
        }
    }

    @Test
    void anInterruptedRequestEndsAndKeepsTheInterrupt() throws Exception {
        script.add(new Answer(200, Map.of("Content-Type", "application/json", STALL, "yes"), ORGANIZATION));
        try (ClaribiClient client = client(Duration.ZERO, new Counts())) {
            CompletableFuture<Throwable> thrown = new CompletableFuture<>();
            CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    client.organization().get();
                    thrown.complete(null);
                } catch (Throwable t) {
                    thrown.complete(t);
                }
                interrupted.complete(Thread.currentThread().isInterrupted());
            });
            caller.start();
            while (userAgents.isEmpty()) {
                Thread.sleep(10);
            }
            Thread.sleep(200);
            caller.interrupt();
            assertInstanceOf(ClaribiConnectionException.class, thrown.get(10, TimeUnit.SECONDS));
            assertTrue(interrupted.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void serviceUnavailableWithoutRetryAfterIsNotRetried() {
        script.add(error(503, "service_unavailable", Map.of()));
        try (ClaribiClient client = client(Duration.ofSeconds(5), new Counts())) {
            assertThrows(
                    ServiceUnavailableException.class,
                    () -> client.organization().get());
        }
    }

    @Test
    void eachErrorCodeHasItsException() {
        Map<String, Class<? extends ClaribiException>> expected = Map.ofEntries(
                Map.entry("not_authenticated", AuthenticationException.class),
                Map.entry("invalid_token", AuthenticationException.class),
                Map.entry("token_expired", AuthenticationException.class),
                Map.entry("invalid_credentials", AuthenticationException.class),
                Map.entry("mfa_required", AuthenticationException.class),
                Map.entry("invalid_mfa_code", AuthenticationException.class),
                Map.entry("mfa_locked", AuthenticationException.class),
                Map.entry("invalid_api_key", AuthenticationException.class),
                Map.entry("permission_denied", PermissionDeniedException.class),
                Map.entry("https_required", PermissionDeniedException.class),
                Map.entry("reauthentication_required", ReauthenticationRequiredException.class),
                Map.entry("not_found", NotFoundException.class),
                Map.entry("validation_error", ValidationException.class),
                Map.entry("bad_request", ValidationException.class),
                Map.entry("conflict", ConflictException.class),
                Map.entry("rate_limited", RateLimitedException.class),
                Map.entry("service_unavailable", ServiceUnavailableException.class),
                Map.entry("server_error", ServerException.class));
        Map<String, Integer> statuses = Map.of(
                "permission_denied",
                403,
                "https_required",
                403,
                "reauthentication_required",
                403,
                "not_found",
                404,
                "validation_error",
                400,
                "bad_request",
                400,
                "conflict",
                409,
                "rate_limited",
                429,
                "service_unavailable",
                503,
                "server_error",
                500);
        try (ClaribiClient client = client(Duration.ZERO, new Counts())) {
            expected.forEach((code, type) -> {
                int status = statuses.getOrDefault(code, 401);
                script.add(error(status, code, Map.of("X-Request-Id", "req-" + code)));
                ClaribiException e = assertThrows(
                        ClaribiException.class, () -> client.dashboards().get(1));
                assertInstanceOf(type, e, code);
                assertEquals(code, e.error());
                assertEquals(status, e.status());
                assertEquals("A sentence.", e.getMessage());
                assertEquals("A detail.", e.detail());
                assertEquals("req-" + code, e.requestId().orElseThrow());
            });
        }
    }

    @Test
    void validationErrorCarriesItsFields() {
        script.add(new Answer(
                400,
                Map.of(),
                "{\"error\":\"validation_error\",\"message\":\"Invalid.\",\"detail\":\"name\","
                        + "\"fields\":{\"name\":[\"must not be blank\"]}}"));
        try (ClaribiClient client = client(Duration.ZERO, new Counts())) {
            ValidationException e = assertThrows(
                    ValidationException.class, () -> client.dashboards().get(1));
            assertEquals(Map.of("name", List.of("must not be blank")), e.fields());
        }
    }

    @Test
    void anAnswerThatIsNotJsonStillHasAStatusAndCode() {
        script.add(new Answer(502, Map.of("Content-Type", "text/html"), "<html>Bad gateway</html>"));
        try (ClaribiClient client = client(Duration.ZERO, new Counts())) {
            ServerException e = assertThrows(
                    ServerException.class, () -> client.dashboards().get(1));
            assertEquals(502, e.status());
            assertEquals("http_502", e.error());
            assertTrue(e.detail().contains("Bad gateway"));
        }
    }

    @Test
    void unreachableServerIsAConnectionException() {
        int port = http.getAddress().getPort();
        http.stop(0);
        try (ClaribiClient client = ClaribiClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .apiKey("claribi_sk_live_test")
                .build()) {
            ClaribiConnectionException e = assertThrows(
                    ClaribiConnectionException.class, () -> client.dashboards().get(1));
            assertEquals(0, e.status());
        }
    }

    @Test
    void userAgentNamesTheSdkAndItsVersion() {
        script.add(new Answer(200, Map.of(), ORGANIZATION));
        try (ClaribiClient client = client(Duration.ZERO, new Counts())) {
            client.organization().get();
        }
        assertEquals(List.of("claribi-java/" + ClaribiClient.VERSION), userAgents);
        assertTrue(ClaribiClient.VERSION.matches("\\d+\\.\\d+\\.\\d+.*"), ClaribiClient.VERSION);
    }

    @Test
    void builderRefusesAmbiguousConfiguration() {
        assertThrows(
                IllegalStateException.class,
                () -> ClaribiClient.builder().baseUrl("https://localhost:8443").build());
        assertThrows(
                IllegalStateException.class,
                () -> ClaribiClient.builder()
                        .baseUrl("https://localhost:8443")
                        .apiKey("k")
                        .credentials("a@b.c", "p")
                        .build());
        assertThrows(
                IllegalArgumentException.class, () -> ClaribiClient.builder().baseUrl("ftp://localhost"));
    }

    @Test
    void builderRefusesPlainHttpToAHostThatIsNotLoopback() {
        for (String url : List.of(
                "http://claribi.example.com",
                "http://claribi.example.com:8080/api/",
                "http://10.0.0.5:8443",
                "http://128.0.0.1",
                "http://127.0.0.256",
                "http://[2001:db8::1]:8443",
                "http://localhost.example.com")) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> ClaribiClient.builder().baseUrl(url),
                    url);
        }
        for (String url : List.of(
                "http://localhost:8080",
                "http://LOCALHOST:8080/api/",
                "http://127.0.0.1:8080",
                "http://127.1.2.3",
                "http://[::1]:8080",
                "https://claribi.example.com",
                "https://10.0.0.5:8443/api/")) {
            ClaribiClient.builder().baseUrl(url);
        }
    }

    @Test
    void aSessionIdThatIsNotOneIsRefusedBeforeAnyRequest() {
        try (ClaribiClient client = client(Duration.ZERO, new Counts())) {
            for (String id : Arrays.asList("../../users/5", "..", "a/b", "a%2Fb", "a?b=c", "a#b", "a b", "", null)) {
                assertThrows(
                        IllegalArgumentException.class, () -> client.sessions().end(id), id);
            }
        }
        assertTrue(userAgents.isEmpty(), "requests sent: " + userAgents.size());
    }

    @Test
    void aSessionIdIsOnePathSegment() {
        script.add(new Answer(204, Map.of(), ""));
        Counts counts = new Counts();
        try (ClaribiClient client = client(Duration.ZERO, counts)) {
            client.sessions().end("Ab3_-x9Qz0");
        }
        assertEquals(List.of("DELETE /api/auth/sessions/Ab3_-x9Qz0/ 204"), counts.responses);
    }

    private ClaribiClient signingIn(Counts counts) {
        return ClaribiClient.builder()
                .baseUrl("http://127.0.0.1:" + http.getAddress().getPort())
                .credentials("ada@example.com", "not-the-password")
                .maxRetryWait(Duration.ZERO)
                .listener(counts)
                .build();
    }

    @Test
    void eachRefusalOfTheCredentialsIsRememberedNotRepeated() {
        for (String code : List.of("invalid_credentials", "invalid_mfa_code", "mfa_locked")) {
            userAgents.clear();
            script.add(error(401, code, Map.of("X-Request-Id", "req-login")));
            Counts counts = new Counts();
            try (ClaribiClient client = signingIn(counts)) {
                for (int call = 0; call < 3; call++) {
                    AuthenticationException e = assertThrows(
                            AuthenticationException.class,
                            () -> client.organization().get());
                    assertEquals(code, e.error());
                    assertEquals(401, e.status());
                    assertEquals("A detail.", e.detail());
                    assertEquals("req-login", e.requestId().orElseThrow());
                }
            }
            assertEquals(1, userAgents.size(), code + ": one sign-in request");
            assertEquals(0, counts.signIns.get());
        }
    }

    @Test
    void aSignInThatFailedForAnotherReasonIsTriedAgain() {
        script.add(error(503, "service_unavailable", Map.of()));
        script.add(error(401, "mfa_required", Map.of()));
        script.add(new Answer(200, Map.of(), "{\"access\":\"not-a-jwt\",\"refresh\":\"r\"}"));
        script.add(new Answer(200, Map.of(), ORGANIZATION));
        Counts counts = new Counts();
        try (ClaribiClient client = signingIn(counts)) {
            assertThrows(
                    ServiceUnavailableException.class,
                    () -> client.organization().get());
            AuthenticationException e = assertThrows(
                    AuthenticationException.class, () -> client.organization().get());
            assertEquals("mfa_required", e.error());
            assertEquals(1347, client.organization().get().aiCreditsRemaining());
        }
        assertEquals(
                List.of(
                        "POST /api/auth/login/ 503",
                        "POST /api/auth/login/ 401",
                        "POST /api/auth/login/ 200",
                        "GET /api/organization/ 200"),
                counts.responses);
    }

    @Test
    void builderRefusesUserInformationInTheBaseUrl() {
        for (String url : List.of(
                "https://admin:s3cret@claribi.example.com",
                "https://admin@localhost:8443",
                "http://admin:s3cret@127.0.0.1:8080/api/")) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> ClaribiClient.builder().baseUrl(url),
                    url);
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        }
    }
}
