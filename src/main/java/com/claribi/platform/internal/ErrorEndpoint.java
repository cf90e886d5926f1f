package com.claribi.platform.internal;

import com.claribi.platform.ApiException;
import com.claribi.platform.ErrorResponses;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page: whatever escapes the controllers and filters (a container-level 400, an
 * exception thrown in a filter) is answered here in the API's format, never as an HTML page or a stack trace.
 */
@RestController
record ErrorEndpoint(ErrorResponses errors) implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof Throwable t) {
            ApiException translated = translate(t);
            if (translated != null) {
                return errors.entity(translated);
            }
        }
        if (!(code instanceof Integer)) {
            // Asked for directly, not forwarded by the container: there is no such endpoint.
            return errors.entity(ApiException.notFound("There is no endpoint at this path."));
        }
        HttpStatus status = HttpStatus.resolve((Integer) code);
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        return errors.entity(
                switch (status) {
                    case NOT_FOUND -> ApiException.notFound("There is no endpoint at this path.");
                    case BAD_REQUEST -> ApiException.badRequest("The request is malformed.");
                    case CONTENT_TOO_LARGE -> RequestBodyTooLarge.error();
                    case METHOD_NOT_ALLOWED ->
                        new ApiException(
                                status,
                                "method_not_allowed",
                                "This method is not allowed on this resource.",
                                "Use another method.");
                    case UNAUTHORIZED -> ApiException.notAuthenticated();
                    case FORBIDDEN -> ApiException.permissionDenied("This request is not allowed.");
                    case SERVICE_UNAVAILABLE -> ApiException.serviceUnavailable("The server cannot answer right now.");
                    default ->
                        status.is4xxClientError()
                                ? new ApiException(
                                        status,
                                        "bad_request",
                                        "The request could not be processed.",
                                        status.getReasonPhrase() + ".")
                                : ApiException.serverError("The error was logged.");
                });
    }

    private static @Nullable ApiException translate(Throwable t) {
        for (Throwable cause = t; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                return api;
            }
            if (cause instanceof RequestBodyTooLarge) {
                return RequestBodyTooLarge.error();
            }
        }
        // The database unreachable in a filter (an API key's lookup in the security chain), where Spring MVC's
        // ApiExceptionHandler does not see it: 503 with Retry-After, as in a controller, never a 500.
        if (DatabaseUnavailable.explains(t)) {
            return ApiException.serviceUnavailable("The database cannot be reached right now.");
        }
        return null;
    }
}
