package com.claribi.platform.internal;

import com.claribi.platform.ApiException;
import com.claribi.platform.ErrorResponses;
import com.claribi.platform.HttpsPolicy;
import com.claribi.platform.PlatformProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses the API over plain HTTP (403 {@code https_required}) and sends everything else to HTTPS with a 308, which
 * keeps the method and body.
 */
final class HttpsPolicyFilter extends OncePerRequestFilter {

    private final HttpsPolicy policy;
    private final ErrorResponses errors;
    private final PlatformProperties properties;
    private final WebServerConfiguration.@Nullable HttpsPort httpsPort;

    HttpsPolicyFilter(
            HttpsPolicy policy,
            ErrorResponses errors,
            PlatformProperties properties,
            WebServerConfiguration.@Nullable HttpsPort httpsPort) {
        this.policy = policy;
        this.errors = errors;
        this.properties = properties;
        this.httpsPort = httpsPort;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        policy.classify(request);
        if (policy.isHttps(request)) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI();
        if (path.equals("/api") || path.startsWith("/api/")) {
            errors.write(response, ApiException.httpsRequired());
            return;
        }
        response.setStatus(HttpStatus.PERMANENT_REDIRECT.value());
        response.setHeader(HttpHeaders.LOCATION, httpsLocation(request));
    }

    private String httpsLocation(HttpServletRequest request) {
        String host = HttpsPolicy.externalHost(request);
        int port = properties.tlsEnabled() ? (httpsPort == null ? properties.port() : httpsPort.get()) : 443;
        String query = request.getQueryString();
        return "https://" + host + (port == 443 || port <= 0 ? "" : ":" + port) + request.getRequestURI()
                + (query == null ? "" : "?" + query);
    }
}
