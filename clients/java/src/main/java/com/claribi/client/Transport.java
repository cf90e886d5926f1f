package com.claribi.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one API request: JSON in and out, the User-Agent, the caller's credentials, a second attempt after a 401 that
 * the credentials could recover from, waits on {@code Retry-After} for 429 and 503 within a bounded total, and the
 * error body turned into a typed exception.
 */
final class Transport {

    static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .build();

    /** The most requests one call sends, retries after {@code Retry-After} included. */
    static final int MAX_ATTEMPTS = 10;

    /** The shortest wait before a retry: a {@code Retry-After} of 0, negative or in the past waits this long. */
    static final Duration MIN_RETRY_WAIT = Duration.ofSeconds(1);

    /** The longest {@code Retry-After} read; a larger one is this (so that adding waits cannot overflow). */
    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private final URI base;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Duration maxRetryWait;
    private final String userAgent;
    private final ClaribiListener listener;

    Transport(
            URI base,
            HttpClient http,
            Duration requestTimeout,
            Duration maxRetryWait,
            String userAgent,
            ClaribiListener listener) {
        this.base = base;
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.maxRetryWait = maxRetryWait;
        this.userAgent = userAgent;
        this.listener = listener;
    }

    URI base() {
        return base;
    }

    /** The absolute URI of an API path such as {@code /api/dashboards/} under the base URL. */
    URI uri(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    /**
     * A {@code next} link of a list on this client's base URL: the server names itself as it was addressed, which a
     * proxy in between may have changed.
     */
    URI rebase(String link) {
        URI uri = URI.create(link);
        String path = uri.getRawPath();
        int api = path.indexOf("/api/");
        String rest = api < 0 ? path : path.substring(api);
        return uri(rest + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /** Sends the request and returns the body of a 2xx answer read as {@code type} ({@code null} for no body). */
    <T> T send(String method, URI uri, Object body, Credentials credentials, JavaType type) {
        HttpResponse<byte[]> response = exchange(method, uri, body == null ? null : write(body), credentials);
        if (type == null || response.body().length == 0) {
            return null;
        }
        try {
            return JSON.readValue(response.body(), type);
        } catch (JacksonException e) {
            throw new ClaribiException(
                    response.statusCode(),
                    "unreadable_response",
                    "The server's answer could not be read as " + type,
                    e.getOriginalMessage(),
                    Map.of(),
                    requestId(response),
                    e);
        }
    }

    private HttpResponse<byte[]> exchange(String method, URI uri, byte[] body, Credentials credentials) {
        boolean recovered = false;
        Duration waited = Duration.ZERO;
        int attempts = 0;
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(requestTimeout)
                    .header("User-Agent", userAgent)
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            }
            String sent = credentials == null ? null : credentials.apply(request);
            HttpResponse<byte[]> response = send(request.build());
            attempts++;
            int status = response.statusCode();
            listener.responded(method, uri, status);
            if (status >= 200 && status < 300) {
                return response;
            }
            // One renewal per request: a credential refused again is an answer, not a reason to loop.
            if (status == 401 && credentials != null && !recovered) {
                recovered = true;
                if (credentials.recover(sent)) {
                    continue;
                }
            }
            Optional<Duration> retryAfter = retryAfter(response);
            // maxRetryWait zero never waits; a wait under a second is a second, so the bound on the total ends the
            // retries, and MAX_ATTEMPTS ends them whatever the bound.
            if ((status == 429 || status == 503)
                    && retryAfter.isPresent()
                    && !maxRetryWait.isZero()
                    && attempts < MAX_ATTEMPTS) {
                Duration wait = retryAfter.get().compareTo(MIN_RETRY_WAIT) < 0 ? MIN_RETRY_WAIT : retryAfter.get();
                if (waited.plus(wait).compareTo(maxRetryWait) <= 0) {
                    listener.retrying(status, wait);
                    sleep(wait);
                    waited = waited.plus(wait);
                    continue;
                }
            }
            throw ErrorResponses.toException(response, retryAfter.orElse(Duration.ZERO));
        }
    }

    /**
     * Sends one request and reads its answer within {@code requestTimeout}: the request's own timeout ends at the
     * response headers, so a body that stalls would otherwise block the caller (and a token renewal's lock) forever.
     */
    private HttpResponse<byte[]> send(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> answer =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return answer.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new ClaribiConnectionException(
                    request.method() + " " + request.uri() + " did not complete within " + requestTimeout, e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new ClaribiConnectionException(request.method() + " " + request.uri() + " was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ClaribiConnectionException(
                    request.method() + " " + request.uri() + " failed: " + cause.getMessage(), cause);
        }
    }

    /**
     * RFC 9110 section 10.2.3: delay-seconds or an HTTP-date, as a wait from zero (a negative number or a past date)
     * to {@link #MAX_RETRY_AFTER}.
     */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            String trimmed = value.trim();
            if (trimmed.matches("-?\\d+")) {
                // Digits beyond a long are a wait beyond the bound too.
                long seconds = trimmed.length() > 18
                        ? (trimmed.startsWith("-") ? 0 : Long.MAX_VALUE)
                        : Long.parseLong(trimmed);
                return Optional.of(clamp(Duration.ofSeconds(Math.max(0, seconds))));
            }
            try {
                ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Optional.of(clamp(Duration.between(ZonedDateTime.now(at.getZone()), at)));
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        });
    }

    private static Duration clamp(Duration wait) {
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }

    static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue("X-Request-Id").orElse(null);
    }

    private static byte[] write(Object body) {
        return JSON.writeValueAsBytes(body);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClaribiConnectionException("Interrupted while waiting to retry", e);
        }
    }

    static JavaType type(Class<?> raw, Class<?>... parameters) {
        return parameters.length == 0
                ? JSON.constructType(raw)
                : JSON.getTypeFactory().constructParametricType(raw, parameters);
    }
}
