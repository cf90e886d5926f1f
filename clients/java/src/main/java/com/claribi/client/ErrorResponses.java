package com.claribi.client;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;

/** Turns an error answer into the exception of its error code, or of its status when the code is unknown. */
final class ErrorResponses {

    private ErrorResponses() {}

    private record Body(String error, String message, String detail, Map<String, List<String>> fields) {}

    static ClaribiException toException(HttpResponse<byte[]> response, Duration retryAfter) {
        int status = response.statusCode();
        Body body = read(response);
        String error = body.error() != null ? body.error() : "http_" + status;
        String message = body.message() != null
                ? body.message()
                : "HTTP " + status + " from " + response.request().method() + " "
                        + response.request().uri();
        String detail = body.detail();
        Map<String, List<String>> fields = body.fields();
        String requestId = Transport.requestId(response);
        return switch (error) {
            case "not_authenticated",
                    "invalid_token",
                    "token_expired",
                    "invalid_credentials",
                    "invalid_api_key",
                    "mfa_required",
                    "invalid_mfa_code",
                    "mfa_locked" ->
                new AuthenticationException(status, error, message, detail, fields, requestId, null);
            case "reauthentication_required" ->
                new ReauthenticationRequiredException(status, error, message, detail, fields, requestId, null);
            case "permission_denied", "https_required" ->
                new PermissionDeniedException(status, error, message, detail, fields, requestId, null);
            case "not_found" -> new NotFoundException(status, error, message, detail, fields, requestId, null);
            case "validation_error", "bad_request" ->
                new ValidationException(status, error, message, detail, fields, requestId, null);
            case "conflict" -> new ConflictException(status, error, message, detail, fields, requestId, null);
            case "rate_limited" ->
                new RateLimitedException(status, error, message, detail, fields, requestId, retryAfter);
            case "service_unavailable" ->
                new ServiceUnavailableException(status, error, message, detail, fields, requestId, retryAfter);
            default -> byStatus(status, error, message, detail, fields, requestId, retryAfter);
        };
    }

    private static ClaribiException byStatus(
            int status,
            String error,
            String message,
            String detail,
            Map<String, List<String>> fields,
            String requestId,
            Duration retryAfter) {
        return switch (status) {
            case 401 -> new AuthenticationException(status, error, message, detail, fields, requestId, null);
            case 403 -> new PermissionDeniedException(status, error, message, detail, fields, requestId, null);
            case 404 -> new NotFoundException(status, error, message, detail, fields, requestId, null);
            case 400, 413, 415, 422 -> new ValidationException(status, error, message, detail, fields, requestId, null);
            case 409 -> new ConflictException(status, error, message, detail, fields, requestId, null);
            case 429 -> new RateLimitedException(status, error, message, detail, fields, requestId, retryAfter);
            case 503 -> new ServiceUnavailableException(status, error, message, detail, fields, requestId, retryAfter);
            default ->
                status >= 500
                        ? new ServerException(status, error, message, detail, fields, requestId, null)
                        : new ClaribiException(status, error, message, detail, fields, requestId, null);
        };
    }

    private static Body read(HttpResponse<byte[]> response) {
        try {
            Body body = Transport.JSON.readValue(response.body(), Body.class);
            return body == null ? new Body(null, null, null, null) : body;
        } catch (JacksonException | IllegalArgumentException notJson) {
            String text = new String(response.body(), StandardCharsets.UTF_8).strip();
            return new Body(null, null, text.length() > 500 ? text.substring(0, 500) : text, null);
        }
    }
}
