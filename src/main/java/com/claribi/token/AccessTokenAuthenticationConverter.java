package com.claribi.token;

import com.claribi.platform.ApiException;
import com.claribi.platform.CredentialAuthenticationConverter;
import com.claribi.platform.CredentialRejected;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Takes the access token from {@code Authorization: Bearer}. A token in the URL is refused outright (RFC 6750 section
 * 2.3 allows it, but URLs end up in logs and browser history), and so is one sent two ways at once (section 2).
 */
@Component
final class AccessTokenAuthenticationConverter implements CredentialAuthenticationConverter {

    private static final String PREFIX = "Bearer ";

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        if (hasAccessTokenParameter(request.getQueryString())) {
            throw new CredentialRejected(ApiException.badRequest(
                    "Send the access token in the Authorization header only, never in the URL."));
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        String token = header.substring(PREFIX.length()).trim();
        if (token.isEmpty()) {
            throw new CredentialRejected(ApiException.invalidToken("The Authorization header has no token."));
        }
        return new AccessTokenAuthenticationToken(token);
    }

    private static boolean hasAccessTokenParameter(@Nullable String query) {
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            if (pair.equals("access_token") || pair.startsWith("access_token=")) {
                return true;
            }
        }
        return false;
    }
}
