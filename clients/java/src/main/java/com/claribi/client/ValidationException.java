package com.claribi.client;

import java.util.List;
import java.util.Map;

/**
 * The request was refused as malformed or invalid ({@code validation_error}, {@code bad_request}); {@link #fields()}
 * names the fields at fault.
 */
public class ValidationException extends ClaribiException {

    public ValidationException(
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
