package com.claribi.platform;

import org.springframework.security.core.AuthenticationException;

/** A credential was presented and refused; carries the API error the client gets. */
public final class CredentialRejected extends AuthenticationException {

    private final ApiException error;

    public CredentialRejected(ApiException error) {
        super(error.detail());
        this.error = error;
    }

    public ApiException error() {
        return error;
    }
}
