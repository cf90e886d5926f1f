package com.claribi.platform;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The principal of the request being served. */
public final class CurrentPrincipal {

    private CurrentPrincipal() {}

    public static ApiPrincipal get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof ApiAuthenticationToken api) {
            return api.getPrincipal();
        }
        throw ApiException.notAuthenticated();
    }

    public static @Nullable ApiPrincipal orNull() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof ApiAuthenticationToken api ? api.getPrincipal() : null;
    }
}
