package com.claribi.client;

import java.util.Map;

/** No answer came: the server could not be reached, the TLS handshake failed, or the request timed out. */
public class ClaribiConnectionException extends ClaribiException {

    public ClaribiConnectionException(String message, Throwable cause) {
        super(0, "connection_failed", message, cause == null ? "" : String.valueOf(cause), Map.of(), null, cause);
    }
}
