package com.claribi.platform.internal;

import com.claribi.platform.ApiException;
import com.claribi.platform.ErrorResponses;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's last-resort error page, for requests Tomcat refuses before Spring sees them (an undecodable URL, say):
 * the API's error body, rendered by {@link ErrorResponses}, instead of an HTML page that names the server. Tomcat
 * keeps this instance (it finds a valve of its error-report class already in the host's pipeline).
 */
final class JsonErrorReportValve extends ErrorReportValve {

    private final ObjectProvider<ErrorResponses> errors;

    JsonErrorReportValve(ObjectProvider<ErrorResponses> errors) {
        this.errors = errors;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ApiException error = status >= 500
                ? ApiException.serverError("The server could not process the request.")
                : ApiException.badRequest("The request line or headers are malformed.");
        // Tomcat chose the status (400, 414, 505...): the body says what kind of failure it was, the status stays.
        HttpStatus chosen = HttpStatus.resolve(status);
        if (chosen != null && chosen != error.status()) {
            error = new ApiException(chosen, error.code(), error.getMessage(), error.detail());
        }
        try {
            errors.getObject().write(response, error);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The connection is gone; there is nobody to answer.
        }
    }
}
