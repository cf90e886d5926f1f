package com.claribi.token.web;

import com.claribi.platform.ApiException;
import com.claribi.platform.HttpsPolicy;
import com.claribi.token.TokenProperties;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The browser interface's refresh token: an HttpOnly, Secure, SameSite=Strict cookie limited to {@code /api/auth/},
 * set by the server when a login carries {@value #CLIENT_HEADER}{@code : web}, so that page scripts never hold it
 * (the seed: "Store the refresh token in an HttpOnly cookie").
 *
 * <p>A cookie is sent by the browser whatever page caused the request, so the endpoints that read it accept it only
 * from our own pages: the request must carry the custom header (a cross-site form cannot set one, and a cross-site
 * script cannot either, since this server answers no CORS preflight), and its {@code Origin} and
 * {@code Sec-Fetch-Site}, when present, must say it came from this origin.
 */
@Component
final class WebClientCookie {

    static final String CLIENT_HEADER = "X-Claribi-Client";
    static final String NAME = "__Secure-claribi-refresh";
    static final String PATH = "/api/auth/";

    private final Duration lifetime;

    WebClientCookie(TokenProperties properties) {
        this.lifetime = properties.refreshTokenTtl();
    }

    /** Whether the request says it comes from the web interface. */
    static boolean fromWebClient(HttpServletRequest request) {
        return request.getHeader(CLIENT_HEADER) != null;
    }

    /**
     * Refuses a request that presents itself as the web interface but is not from our origin (403), or that would use
     * the cookie without saying it is the web interface.
     */
    static void requireSameOrigin(HttpServletRequest request) {
        String client = request.getHeader(CLIENT_HEADER);
        if (client == null || !client.equals("web")) {
            throw ApiException.permissionDenied("The refresh cookie is accepted only from the clariBI web interface"
                    + " (header " + CLIENT_HEADER + ": web).");
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.equals(HttpsPolicy.externalBase(request))) {
            throw ApiException.permissionDenied("Requests with the refresh cookie must come from this site's pages.");
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin")) {
            throw ApiException.permissionDenied("Requests with the refresh cookie must come from this site's pages.");
        }
    }

    static @Nullable String read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(NAME) && !cookie.getValue().isBlank()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    String issue(String refreshToken) {
        return cookie(refreshToken, lifetime).toString();
    }

    static String clear() {
        return cookie("", Duration.ZERO).toString();
    }

    private static ResponseCookie cookie(String value, Duration maxAge) {
        return ResponseCookie.from(NAME, value)
                .httpOnly(true)
                .secure(true)
                .sameSite("Strict")
                .path(PATH)
                .maxAge(maxAge)
                .build();
    }
}
