package com.claribi.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The browser-facing headers of the interface's pages and assets: a Content-Security-Policy that allows only our own
 * scripts, styles and connections (no inline script or style, no framing, no plugins), no referrer, no MIME sniffing.
 * The API documentation (Swagger UI at {@code /api/docs/}, its files under {@code /api/swagger-ui/}, and the schema
 * under {@code /api/schema}) is on the same origin as the refresh cookie, so it gets the same protection, with inline
 * styles allowed (Swagger UI sets them). The API's other responses are JSON for programs and keep their own headers.
 */
final class PageHeadersFilter extends OncePerRequestFilter {

    static final String CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            // The two-factor QR code is a data: URI drawn by the server.
            "img-src 'self' data:",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    static final String DOCS_CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "object-src 'none'");

    private static final Set<String> PAGES = Pages.paths();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(PAGES.contains(path) || path.startsWith("/assets/") || docs(path));
    }

    private static boolean docs(String path) {
        return under(path, "/api/docs") || under(path, "/api/swagger-ui") || under(path, "/api/schema");
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(
                "Content-Security-Policy",
                docs(request.getRequestURI()) ? DOCS_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        chain.doFilter(request, response);
    }
}
