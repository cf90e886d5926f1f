package com.claribi.platform.internal;

import com.claribi.platform.ApiException;
import com.claribi.platform.CredentialAuthenticationConverter;
import com.claribi.platform.CredentialRejected;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/** Asks every module's converter; a request that carries two credentials (a token and a key) is refused, not guessed. */
final class SingleCredentialAuthenticationConverter implements AuthenticationConverter {

    private final List<CredentialAuthenticationConverter> converters;

    SingleCredentialAuthenticationConverter(List<CredentialAuthenticationConverter> converters) {
        this.converters = List.copyOf(converters);
    }

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        Authentication found = null;
        for (CredentialAuthenticationConverter converter : converters) {
            Authentication candidate = converter.convert(request);
            if (candidate != null) {
                if (found != null) {
                    throw new CredentialRejected(ApiException.badRequest(
                            "Send one credential: either Authorization: Bearer or X-API-Key, not both."));
                }
                found = candidate;
            }
        }
        return found;
    }
}
