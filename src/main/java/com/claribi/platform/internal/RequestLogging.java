package com.claribi.platform.internal;

import com.claribi.platform.ApiAuthenticationToken;
import com.claribi.platform.HttpsPolicy;
import com.claribi.platform.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Gives each request its id ({@link RequestIds}: echoed in {@code X-Request-Id}, in the MDC while it is served) and
 * writes one access-log line when it is answered, on the logger {@code com.claribi.access}: method, route (the
 * handler's pattern, or the path without its query when no handler took the request), status, duration, principal
 * ({@code user:<id>}, or {@code key:<prefix>} for an API key), client address, request id. Never a header's value, a
 * query, a body: no token, key, password or code can reach the log through it. With {@code CLARIBI_LOG_FORMAT=json}
 * the same values are fields named after the Elastic Common Schema.
 */
final class RequestLogging extends OncePerRequestFilter {

    private static final Logger access = LoggerFactory.getLogger("com.claribi.access");
    private static final String STARTED = RequestLogging.class.getName() + ".started";
    private static final String PRINCIPAL = RequestLogging.class.getName() + ".principal";
    private static final String API_KEY = RequestLogging.class.getName() + ".apiKey";
    private static final int LONGEST_PATH = 200;

    private final HttpsPolicy https;

    RequestLogging(HttpsPolicy https) {
        this.https = https;
    }

    /** Records who the request acts for, once its credential has been checked (the security chain's success). */
    static void authenticated(HttpServletRequest request, Authentication authentication) {
        if (authentication instanceof ApiAuthenticationToken api) {
            request.setAttribute(PRINCIPAL, api.getPrincipal().userId());
            if (api.apiKeyPrefix() != null) {
                request.setAttribute(API_KEY, api.apiKeyPrefix());
            }
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        // The answer of an asynchronous request (a login) is written in its async dispatch: logged then.
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = RequestIds.of(request);
        if (id == null) {
            id = RequestIds.assign(request, https.fromTrustedProxy(request));
            request.setAttribute(STARTED, System.nanoTime());
            response.setHeader(RequestIds.HEADER, id);
        }
        MDC.put(RequestIds.MDC_KEY, id);
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            if (!request.isAsyncStarted()) {
                log(request, failed ? 500 : response.getStatus(), id);
            }
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private void log(HttpServletRequest request, int status, String id) {
        if (!access.isInfoEnabled()) {
            return;
        }
        long nanos = request.getAttribute(STARTED) instanceof Long started ? System.nanoTime() - started : 0;
        String route = route(request);
        Object userId = request.getAttribute(PRINCIPAL);
        Object keyPrefix = request.getAttribute(API_KEY);
        String principal = keyPrefix != null ? "key:" + keyPrefix : userId != null ? "user:" + userId : "-";
        String client = https.clientAddress(request);
        var line = access.atInfo()
                .addKeyValue("http.request.method", request.getMethod())
                .addKeyValue("http.route", route)
                .addKeyValue("http.response.status_code", status)
                .addKeyValue("event.duration", nanos)
                .addKeyValue("client.ip", client);
        if (userId != null) {
            line = line.addKeyValue("user.id", userId.toString());
        }
        if (keyPrefix != null) {
            line = line.addKeyValue("claribi.api_key.prefix", keyPrefix.toString());
        }
        line.log(
                "{} {} {} {} ms principal={} client={} request={}",
                request.getMethod(),
                route,
                status,
                nanos / 1_000_000,
                principal,
                client,
                id);
    }

    private static String route(HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern) {
            return pattern;
        }
        String path = request.getRequestURI();
        return path.length() > LONGEST_PATH ? path.substring(0, LONGEST_PATH) + "..." : path;
    }
}
