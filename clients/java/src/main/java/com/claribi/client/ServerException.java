package com.claribi.client;

import java.util.List;
import java.util.Map;

/** The server failed ({@code server_error} or another 5xx); {@link #requestId()} finds its log lines. */
public class ServerException extends ClaribiException {

    public ServerException(
            int status,
            String error,
            String message,
            String detail,
            Map<String, List<String>> fields,
            String requestId,
            Throwable cause) {
        super(status, error, message, detail, fields, requestId, cause);
    }
}
