package com.claribi.platform.internal;

import com.claribi.platform.ApiException;
import java.io.IOException;
import org.springframework.http.HttpStatus;

/** Raised by the body limit while a request body is read; turned into 413. */
final class RequestBodyTooLarge extends IOException {

    static final long LIMIT = 1024 * 1024;

    RequestBodyTooLarge() {
        super("Request body exceeds " + LIMIT + " bytes", null);
    }

    static ApiException error() {
        return new ApiException(
                HttpStatus.CONTENT_TOO_LARGE,
                "payload_too_large",
                "The request body is too large.",
                "Request bodies are limited to 1 MiB.");
    }
}
