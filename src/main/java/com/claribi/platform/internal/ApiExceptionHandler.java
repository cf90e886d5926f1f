package com.claribi.platform.internal;

import com.claribi.platform.ApiException;
import com.claribi.platform.ErrorResponses;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/** Turns every exception a controller can raise into the API's error body; nothing reaches a client as a 500 page. */
@RestControllerAdvice
record ApiExceptionHandler(ErrorResponses errors) {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e) {
        return errors.entity(e);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return errors.entity(translateUnreadable(e));
    }

    static ApiException translateUnreadable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLarge) {
                return RequestBodyTooLarge.error();
            }
            if (cause instanceof MismatchedInputException mismatch
                    && !mismatch.getPath().isEmpty()) {
                return ApiException.validation(path(mismatch), "This field has the wrong type.");
            }
            if (cause instanceof StreamReadException) {
                return ApiException.badRequest("The request body is not valid JSON.");
            }
            if (cause instanceof DatabindException) {
                return ApiException.badRequest("The request body must be a JSON object.");
            }
        }
        return ApiException.badRequest("The request body is missing or is not valid JSON.");
    }

    private static String path(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return errors.entity(new ApiException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "The request body must be application/json.",
                "Send the body with the header Content-Type: application/json."));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Map<String, Object>> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return errors.entity(new ApiException(
                HttpStatus.NOT_ACCEPTABLE,
                "not_acceptable",
                "The API answers in application/json only.",
                "Accept application/json."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        ApiException error = new ApiException(
                HttpStatus.METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "This method is not allowed on this resource.",
                "Method " + e.getMethod() + " is not supported here"
                        + (e.getSupportedMethods() == null
                                ? "."
                                : "; use " + String.join(", ", e.getSupportedMethods()) + "."));
        ResponseEntity<Map<String, Object>> entity = errors.entity(error);
        if (e.getSupportedHttpMethods() != null) {
            return ResponseEntity.status(entity.getStatusCode())
                    .headers(entity.getHeaders())
                    .allow(e.getSupportedHttpMethods().toArray(org.springframework.http.HttpMethod[]::new))
                    .body(entity.getBody());
        }
        return entity;
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<Map<String, Object>> notFound(Exception e) {
        return errors.entity(ApiException.notFound("There is no endpoint at this path."));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
        return errors.entity(ApiException.validation(e.getParameterName(), "This parameter is required."));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Map<String, Object>> missingHeader(MissingRequestHeaderException e) {
        return errors.entity(ApiException.badRequest("The header " + e.getHeaderName() + " is required."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException e) {
        return errors.entity(ApiException.validation(Map.of(e.getName(), List.of("This value has the wrong type."))));
    }

    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        CannotCreateTransactionException.class,
        TransientDataAccessException.class,
        QueryTimeoutException.class
    })
    ResponseEntity<Map<String, Object>> databaseUnavailable(Exception e) {
        log.warn("Database unavailable: {}", e.getMessage());
        return errors.entity(ApiException.serviceUnavailable("The database cannot be reached right now."));
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Map<String, Object>> duplicate(DuplicateKeyException e) {
        return errors.entity(ApiException.conflict("This already exists."));
    }

    /** A value the database cannot store (a NUL character in text, say): the client's input, not our fault. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Map<String, Object>> unstorable(DataIntegrityViolationException e) {
        log.info(
                "Refused a value the database cannot store: {}",
                e.getMostSpecificCause().getMessage());
        return errors.entity(ApiException.badRequest("The request contains a value that cannot be stored."));
    }

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        // The client closed the connection; there is nobody to answer.
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        if (DatabaseUnavailable.explains(e)) {
            // A connection that broke under a statement, found below a wrapper (a failed rollback, say).
            return databaseUnavailable(e);
        }
        if (e instanceof ErrorResponse framework) {
            // Spring's own client errors (an async timeout, say) keep their status instead of becoming a 500.
            HttpStatus status = HttpStatus.resolve(framework.getStatusCode().value());
            if (status == HttpStatus.SERVICE_UNAVAILABLE) {
                return errors.entity(ApiException.serviceUnavailable("The server is busy; retry shortly."));
            }
            if (status != null && status.is4xxClientError()) {
                return errors.entity(new ApiException(
                        status, "bad_request", "The request could not be processed.", status.getReasonPhrase() + "."));
            }
        }
        // The log line carries the request's id (MDC), which ErrorResponses quotes in the detail.
        log.error("Unexpected error", e);
        return errors.entity(ApiException.serverError("The error was logged."));
    }
}
