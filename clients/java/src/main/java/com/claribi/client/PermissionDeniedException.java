package com.claribi.client;

import java.util.List;
import java.util.Map;

/**
 * The caller may not do this: {@code permission_denied} (a role, a key's scope, or an API key where a session is
 * needed), or {@code https_required}.
 */
public class PermissionDeniedException extends ClaribiException {

    public PermissionDeniedException(
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
