package com.claribi.token;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** An access token taken from the Authorization header, not yet verified. */
final class AccessTokenAuthenticationToken extends AbstractAuthenticationToken {

    private final String token;

    AccessTokenAuthenticationToken(String token) {
        super(java.util.List.of());
        this.token = token;
    }

    String token() {
        return token;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return "bearer";
    }
}
