package com.claribi.platform;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The one error type of the API: a status, a snake_case code, a sentence and a specific detail, rendered as
 * {@code {"error","message","detail"}} in exactly one place ({@link ErrorResponses}).
 */
public final class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String detail;
    private final @Nullable Map<String, List<String>> fields;
    private final @Nullable Long retryAfterSeconds;

    public ApiException(HttpStatus status, String code, String message, String detail) {
        this(status, code, message, detail, null, null);
    }

    private ApiException(
            HttpStatus status,
            String code,
            String message,
            String detail,
            @Nullable Map<String, List<String>> fields,
            @Nullable Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.fields = fields;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException notAuthenticated() {
        return new ApiException(
                HttpStatus.UNAUTHORIZED,
                "not_authenticated",
                "Authentication credentials were not provided.",
                "Send an access token in the Authorization header (Bearer) or an API key in the X-API-Key header.");
    }

    /** As {@link #notAuthenticated()}, with a detail that says what was missing. */
    public static ApiException notAuthenticated(String detail) {
        return new ApiException(
                HttpStatus.UNAUTHORIZED, "not_authenticated", "Authentication credentials were not provided.", detail);
    }

    /** A failure of the server, never the client's; {@code detail} never carries the cause. */
    public static ApiException serverError(String detail) {
        return new ApiException(
                HttpStatus.INTERNAL_SERVER_ERROR, "server_error", "An unexpected error occurred.", detail);
    }

    public static ApiException invalidToken(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "invalid_token", "The token is invalid.", detail);
    }

    public static ApiException tokenExpired(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "token_expired", "The token has expired.", detail);
    }

    public static ApiException invalidApiKey(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "invalid_api_key", "The API key is invalid.", detail);
    }

    public static ApiException invalidCredentials() {
        return new ApiException(
                HttpStatus.UNAUTHORIZED,
                "invalid_credentials",
                "The email or password is incorrect.",
                "Check the email address and password and try again.");
    }

    /** The password was right but the account has MFA on and the login carried no code (API.md, Authentication). */
    public static ApiException mfaRequired() {
        return new ApiException(
                HttpStatus.UNAUTHORIZED,
                "mfa_required",
                "A multi-factor authentication code is required.",
                "Repeat the login with \"totp_code\" (from the authenticator app) or \"recovery_code\".");
    }

    /** A login's code was wrong, outside the time window or already used; the same answer for each. */
    public static ApiException invalidMfaCode() {
        return new ApiException(
                HttpStatus.UNAUTHORIZED,
                "invalid_mfa_code",
                "The multi-factor authentication code is incorrect.",
                "Use the current code from the authenticator app (each code works once) or an unused recovery code.");
    }

    /**
     * The same refusal on an endpoint of a signed-in session. It is 400, not 401: clients take a 401 for an ended
     * session and sign in again, while here the session is fine and only the code was wrong.
     */
    public static ApiException invalidMfaCodeInSession() {
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                "invalid_mfa_code",
                "The multi-factor authentication code is incorrect.",
                "Use the current code from the authenticator app (each code works once) or an unused recovery code;"
                        + " nothing was changed.");
    }

    /**
     * The account's authenticator is locked after too many consecutive wrong codes (API.md; NIST SP 800-63B 5.2.2): no
     * authenticator code is checked until a recovery code is used or an operator resets MFA.
     */
    public static ApiException mfaLocked() {
        return new ApiException(
                HttpStatus.UNAUTHORIZED,
                "mfa_locked",
                "Authenticator codes are locked for this account after too many wrong codes.",
                "Sign in with a recovery code (\"recovery_code\") to unlock it, or ask an operator to reset MFA.");
    }

    /** The same lock on an endpoint of a signed-in session: 400, as for a wrong code there, so the session stays. */
    public static ApiException mfaLockedInSession() {
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                "mfa_locked",
                "Authenticator codes are locked for this account after too many wrong codes.",
                "Send an unused recovery code instead to unlock it; nothing was changed.");
    }

    /**
     * A sensitive operation on a session whose password proof is older than the re-authentication window (sudo mode):
     * the client asks the user for the password and repeats the request with the token the endpoint returns.
     */
    public static ApiException reauthenticationRequired() {
        return new ApiException(
                HttpStatus.FORBIDDEN,
                "reauthentication_required",
                "This action needs you to confirm your password first.",
                "POST /api/auth/reauthenticate/ with \"password\" (and \"totp_code\" or \"recovery_code\" when"
                        + " MFA is on), then repeat the request with the access token it returns.");
    }

    /** A wrong password on an endpoint of a signed-in session: 400, so that a typo does not end the session. */
    public static ApiException invalidCredentialsInSession() {
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                "invalid_credentials",
                "The password is incorrect.",
                "Enter the password of the signed-in account; nothing was changed.");
    }

    /** The password was right but the account has MFA on and no code came, on an endpoint of a signed-in session. */
    public static ApiException mfaRequiredInSession() {
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                "mfa_required",
                "A multi-factor authentication code is required.",
                "Repeat the request with \"totp_code\" (from the authenticator app) or \"recovery_code\".");
    }

    public static ApiException permissionDenied(String detail) {
        return new ApiException(
                HttpStatus.FORBIDDEN,
                "permission_denied",
                "You do not have permission to perform this action.",
                detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", "The requested resource does not exist.", detail);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "The request could not be processed.", detail);
    }

    public static ApiException validation(Map<String, List<String>> fields) {
        String detail = fields.entrySet().stream()
                .map(e -> e.getKey() + ": " + String.join(" ", e.getValue()))
                .reduce((a, b) -> a + "; " + b)
                .orElse("The request body is not valid.");
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                "validation_error",
                "The request contains invalid data.",
                detail,
                Map.copyOf(fields),
                null);
    }

    public static ApiException validation(String field, String problem) {
        return validation(Map.of(field, List.of(problem)));
    }

    public static ApiException rateLimited(long retryAfterSeconds, String detail) {
        return new ApiException(
                HttpStatus.TOO_MANY_REQUESTS,
                "rate_limited",
                "Too many requests. Retry after the time given in the Retry-After header.",
                detail,
                null,
                Math.max(1, retryAfterSeconds));
    }

    public static ApiException serviceUnavailable(String detail) {
        return new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "service_unavailable",
                "The service is temporarily unavailable. Retry shortly.",
                detail,
                null,
                5L);
    }

    public static ApiException httpsRequired() {
        return new ApiException(
                HttpStatus.FORBIDDEN,
                "https_required",
                "The API is served over HTTPS only.",
                "Repeat the request with an https:// URL.");
    }

    public static ApiException conflict(String detail) {
        return new ApiException(
                HttpStatus.CONFLICT, "conflict", "The request conflicts with the current state.", detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return detail;
    }

    public @Nullable Map<String, List<String>> fields() {
        return fields;
    }

    public @Nullable Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
