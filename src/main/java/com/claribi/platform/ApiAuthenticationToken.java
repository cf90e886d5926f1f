package com.claribi.platform;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by any credential type, carrying the {@link ApiPrincipal}. */
public final class ApiAuthenticationToken extends AbstractAuthenticationToken {

    public static final String READ_ONLY = "SCOPE_read_only";
    public static final String READ_WRITE = "SCOPE_read_write";

    private final ApiPrincipal principal;
    private final @Nullable String apiKeyPrefix;

    public ApiAuthenticationToken(ApiPrincipal principal) {
        this(principal, null);
    }

    /** @param apiKeyPrefix the displayable prefix of the API key that authenticated, which the access log shows */
    public ApiAuthenticationToken(ApiPrincipal principal, @Nullable String apiKeyPrefix) {
        super(List.of(new SimpleGrantedAuthority(principal.readOnly() ? READ_ONLY : READ_WRITE)));
        this.principal = principal;
        this.apiKeyPrefix = apiKeyPrefix;
        setAuthenticated(true);
    }

    public @Nullable String apiKeyPrefix() {
        return apiKeyPrefix;
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
