package com.claribi.client;

import java.util.List;
import java.util.Map;

/** No such object in the caller's organization, or a page past the end of a list ({@code not_found}). */
public class NotFoundException extends ClaribiException {

    public NotFoundException(
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
