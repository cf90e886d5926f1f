package com.claribi.apikey;

import com.claribi.platform.ApiException;
import com.claribi.platform.CredentialAuthenticationConverter;
import com.claribi.platform.CredentialRejected;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Takes the key from the {@code X-API-Key} header. A key in the URL is refused (URLs end up in logs, proxies and
 * browser history) and never recorded anywhere.
 */
@Component
final class ApiKeyAuthenticationConverter implements CredentialAuthenticationConverter {

    static final String HEADER = "X-API-Key";

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        if (keyInUrl(request.getQueryString())) {
            throw new CredentialRejected(
                    ApiException.badRequest("Send the API key in the X-API-Key header only, never in the URL."));
        }
        String header = request.getHeader(HEADER);
        if (header == null) {
            return null;
        }
        String secret = header.trim();
        if (secret.isEmpty()) {
            throw new CredentialRejected(ApiException.invalidApiKey("The X-API-Key header is empty."));
        }
        return new ApiKeyAuthenticationToken(secret);
    }

    private static boolean keyInUrl(@Nullable String query) {
        if (query == null) {
            return false;
        }
        String lower = query.toLowerCase(Locale.ROOT);
        if (lower.contains(ApiKeySecret.PREFIX.substring(0, 11))) {
            return true;
        }
        for (String pair : lower.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (name.equals("api_key") || name.equals("apikey") || name.equals("x-api-key") || name.equals("key")) {
                return true;
            }
        }
        return false;
    }
}
