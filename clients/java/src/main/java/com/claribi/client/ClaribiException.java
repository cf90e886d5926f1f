package com.claribi.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An error answer of the clariBI API ({@code {"error", "message", "detail"}}) or a failure to reach it; the subclasses
 * name the kinds a caller handles differently.
 */
public class ClaribiException extends RuntimeException {

    private final int status;
    private final String error;
    private final String detail;
    private final Map<String, List<String>> fields;
    private final String requestId;

    public ClaribiException(
            int status,
            String error,
            String message,
            String detail,
            Map<String, List<String>> fields,
            String requestId,
            Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
        this.detail = detail == null ? "" : detail;
        this.fields = fields == null ? Map.of() : Map.copyOf(fields);
        this.requestId = requestId;
    }

    /** The HTTP status code, or 0 when no answer came (see {@link ClaribiConnectionException}). */
    public int status() {
        return status;
    }

    /** The snake_case error code, such as {@code not_found} or {@code rate_limited}. */
    public String error() {
        return error;
    }

    /** The server's sentence about the error (the same as {@link #getMessage()}). */
    public String message() {
        return getMessage();
    }

    /** The specific detail of this occurrence, such as which id was not found. */
    public String detail() {
        return detail;
    }

    /** For a validation error, the messages per request field; empty otherwise. */
    public Map<String, List<String>> fields() {
        return fields;
    }

    /** The server's {@code X-Request-Id} of the failed request, to quote to its operator. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + status + " " + error + ": " + getMessage()
                + (detail.isEmpty() ? "" : " (" + detail + ")") + "]";
    }
}
