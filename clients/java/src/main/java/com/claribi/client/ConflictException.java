package com.claribi.client;

import java.util.List;
import java.util.Map;

/**
 * The request conflicts with the current state ({@code conflict}), such as a duplicate name or the last administrator.
 */
public class ConflictException extends ClaribiException {

    public ConflictException(
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
