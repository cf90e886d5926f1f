package com.claribi.client;

import java.util.List;
import java.util.Map;

/**
 * Credentials were missing, wrong, expired or revoked, or a second factor is needed or wrong: {@code
 * not_authenticated}, {@code invalid_token}, {@code token_expired}, {@code invalid_credentials}, {@code
 * invalid_api_key}, {@code mfa_required}, {@code invalid_mfa_code}, {@code mfa_locked}.
 */
public class AuthenticationException extends ClaribiException {

    public AuthenticationException(
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
