package com.claribi.platform;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by any credential type, carrying the {@link ApiPrincipal}. */
public final class ApiAuthenticationToken extends AbstractAuthenticationToken {

    public static final String READ_ONLY = "SCOPE_read_only";
    public static final String READ_WRITE = "SCOPE_read_write";

    private final ApiPrincipal principal;

    public ApiAuthenticationToken(ApiPrincipal principal) {
        super(List.of(new SimpleGrantedAuthority(principal.readOnly() ? READ_ONLY : READ_WRITE)));
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public ApiPrincipal getPrincipal() {
        return principal;
    }
}
