package com.claribi.mfa;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;
import org.jspecify.annotations.Nullable;

/** A user turned MFA off with a code; every session but {@code keptSessionId} must end. */
public record MfaDisabled(
        long user,
        long organization,
        String userEmail,
        @Nullable String keptSessionId,
        ClientInfo clientInfo) implements SecurityEvent {

    @Override
    public String type() {
        return "mfa_disabled";
    }

    @Override
    public Long userId() {
        return user;
    }

    @Override
    public Long organizationId() {
        return organization;
    }

    @Override
    public String email() {
        return userEmail;
    }

    @Override
    public ClientInfo client() {
        return clientInfo;
    }

    @Override
    public String detail() {
        return "turned off by the user; other sessions end";
    }
}
