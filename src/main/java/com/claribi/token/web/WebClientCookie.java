package com.claribi.token.web;

import com.claribi.platform.ApiException;
import com.claribi.platform.HttpsPolicy;
import com.claribi.token.TokenProperties;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
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
 *
 * <p>A {@code __Secure-} cookie can still be set by a sibling host of the same registrable domain (with
 * {@code Domain=} the parent domain and a longer path, it would even be sent first). So the refresh cookie goes with a
 * binding cookie, {@value #BINDING_NAME}: the {@code __Host-} prefix means only this host can set it (no
 * {@code Domain}, {@code Path=/}), and its value is the SHA-256 of the refresh token. A refresh or logout by cookie
 * needs exactly one refresh cookie and the binding that matches it.
 */
@Component
final class WebClientCookie {

    static final String CLIENT_HEADER = "X-Claribi-Client";
    static final String NAME = "__Secure-claribi-refresh";
    static final String PATH = "/api/auth/";
    static final String BINDING_NAME = "__Host-claribi-refresh-binding";

    private final Duration lifetime;

    WebClientCookie(TokenProperties properties) {
        this.lifetime = properties.refreshTokenTtl();
    }

    /** What the request's cookies say: no refresh cookie, a refresh token bound to this host, or a refusal. */
    sealed interface Presented {}

    record Absent() implements Presented {}

    record Bound(String refreshToken) implements Presented {}

    /** Several refresh cookies, or none matching binding: perhaps planted by another host; never used. */
    record Unbound(String reason) implements Presented {}

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

    /** Reads the refresh cookie and its binding. */
    static Presented read(HttpServletRequest request) {
        List<String> refresh = values(request, NAME);
        if (refresh.isEmpty()) {
            return new Absent();
        }
        if (refresh.size() > 1) {
            return new Unbound("More than one refresh cookie was sent; sign in again.");
        }
        List<String> bindings = values(request, BINDING_NAME);
        if (bindings.size() != 1
                || !MessageDigest.isEqual(
                        bindings.getFirst().getBytes(StandardCharsets.US_ASCII),
                        binding(refresh.getFirst()).getBytes(StandardCharsets.US_ASCII))) {
            return new Unbound("The refresh cookie was not set by this site; sign in again.");
        }
        return new Bound(refresh.getFirst());
    }

    private static List<String> values(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return List.of();
        }
        return java.util.Arrays.stream(cookies)
                .filter(cookie -> cookie.getName().equals(name))
                .map(Cookie::getValue)
                .filter(value -> value != null && !value.isBlank())
                .toList();
    }

    /** base64url(SHA-256(refresh token)), without padding. */
    static String binding(String refreshToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The two Set-Cookie values that hand a refresh token to the browser. */
    List<String> issue(String refreshToken) {
        return List.of(
                cookie(NAME, refreshToken, PATH, lifetime).toString(),
                cookie(BINDING_NAME, binding(refreshToken), "/", lifetime).toString());
    }

    /** The two Set-Cookie values that make the browser forget both cookies. */
    static List<String> clear() {
        return List.of(
                cookie(NAME, "", PATH, Duration.ZERO).toString(),
                cookie(BINDING_NAME, "", "/", Duration.ZERO).toString());
    }

    private static ResponseCookie cookie(String name, String value, String path, Duration maxAge) {
        return ResponseCookie.from(name, value)
                .httpOnly(true)
                .secure(true)
                .sameSite("Strict")
                .path(path)
                .maxAge(maxAge)
                .build();
    }

    static @Nullable String refreshToken(Presented presented) {
        return presented instanceof Bound bound ? bound.refreshToken() : null;
    }
}
