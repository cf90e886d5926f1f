package com.claribi.platform.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's last-resort error page, for requests Tomcat refuses before Spring sees them (an undecodable URL, say):
 * the API's error body instead of an HTML page that names the server.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String body = status >= 500
                ? "{\"error\":\"server_error\",\"message\":\"An unexpected error occurred.\","
                        + "\"detail\":\"The server could not process the request.\"}"
                : "{\"error\":\"bad_request\",\"message\":\"The request could not be processed.\","
                        + "\"detail\":\"The request line or headers are malformed.\"}";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The connection is gone; there is nobody to answer.
        }
    }
}
