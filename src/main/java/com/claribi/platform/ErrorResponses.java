package com.claribi.platform;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Renders an {@link ApiException} as the API's error body; the only place an error body is built. */
@Component
public final class ErrorResponses {

    private final JsonMapper json;
    private final PermissionDenials denials;

    ErrorResponses(JsonMapper json, PermissionDenials denials) {
        this.json = json;
        this.denials = denials;
    }

    public ResponseEntity<Map<String, Object>> entity(ApiException error) {
        audit(error);
        error = withRequestId(error, RequestIds.current());
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(error.status())
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (error.retryAfterSeconds() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(error.retryAfterSeconds()));
        }
        return builder.body(body(error));
    }

    public void write(HttpServletResponse response, ApiException error) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        audit(error);
        String requestId = response.getHeader(RequestIds.HEADER);
        error = withRequestId(error, requestId != null ? requestId : RequestIds.current());
        response.resetBuffer();
        response.setStatus(error.status().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (error.retryAfterSeconds() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(error.retryAfterSeconds()));
        }
        response.getOutputStream().write(json.writeValueAsBytes(body(error)));
        response.flushBuffer();
    }

    /** A 500's detail quotes the request's id, which every log line written for it carries. */
    private static ApiException withRequestId(ApiException error, @Nullable String requestId) {
        if (!error.status().is5xxServerError()
                || error.status() == HttpStatus.SERVICE_UNAVAILABLE
                || requestId == null) {
            return error;
        }
        return new ApiException(
                error.status(), error.code(), error.getMessage(), error.detail() + " Request id: " + requestId + ".");
    }

    /** Every 403 {@code permission_denied}, whichever path rendered it, is an audit event (deduplicated). */
    private void audit(ApiException error) {
        if (error.code().equals("permission_denied")) {
            denials.denied(error);
        }
    }

    private static Map<String, Object> body(ApiException error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("message", error.getMessage());
        body.put("detail", error.detail());
        if (error.fields() != null) {
            body.put("fields", error.fields());
        }
        return body;
    }
}
