package com.claribi.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A budget is spent ({@code rate_limited}, 429) and waiting {@link #retryAfter()} was beyond the client's bounded
 * wait ({@link ClaribiClient.Builder#maxRetryWait(Duration)}).
 */
public class RateLimitedException extends ClaribiException {

    private final Duration retryAfter;

    public RateLimitedException(
            int status,
            String error,
            String message,
            String detail,
            Map<String, List<String>> fields,
            String requestId,
            Duration retryAfter) {
        super(status, error, message, detail, fields, requestId, null);
        this.retryAfter = retryAfter;
    }

    /** The server's {@code Retry-After}: how long until a request is admitted again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
