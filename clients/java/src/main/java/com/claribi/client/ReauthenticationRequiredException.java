package com.claribi.client;

import java.util.List;
import java.util.Map;

/**
 * A sensitive operation needs a recent password proof ({@code reauthentication_required}): call {@link
 * Authentication#reauthenticate(String)} and repeat it.
 */
public class ReauthenticationRequiredException extends PermissionDeniedException {

    public ReauthenticationRequiredException(
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
