package com.claribi.platform;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by any credential type, carrying the {@link ApiPrincipal}. */
public final class ApiAuthentication extends AbstractAuthenticationToken {

    private final ApiPrincipal principal;

    public ApiAuthentication(ApiPrincipal principal) {
        super(List.of(new SimpleGrantedAuthority(principal.readOnly() ? "SCOPE_read_only" : "SCOPE_read_write")));
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
