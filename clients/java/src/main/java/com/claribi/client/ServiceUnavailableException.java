package com.claribi.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The server cannot serve for now ({@code service_unavailable}, 503, e.g. while its database is unreachable) and
 * waiting {@link #retryAfter()} was beyond the client's bounded wait.
 */
public class ServiceUnavailableException extends ServerException {

    private final Duration retryAfter;

    public ServiceUnavailableException(
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

    /** The server's {@code Retry-After}, or zero when it sent none. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
