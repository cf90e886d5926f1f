package com.claribi.apikey;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A secret taken from the X-API-Key header, not yet checked. */
final class ApiKeyAuthenticationToken extends AbstractAuthenticationToken {

    private final String secret;

    ApiKeyAuthenticationToken(String secret) {
        super(List.of());
        this.secret = secret;
    }

    String secret() {
        return secret;
    }

    @Override
    public Object getCredentials() {
        return secret;
    }

    @Override
    public Object getPrincipal() {
        return ApiKeySecret.displayPrefix(secret);
    }

    @Override
    public String toString() {
        return "ApiKeyAuthenticationToken[" + ApiKeySecret.displayPrefix(secret) + "...]";
    }
}
