package com.claribi.mfa;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;
import org.jspecify.annotations.Nullable;

/** A user turned MFA off with a code; every session but {@code keptSessionId} must end. */
public record MfaDisabled(
        Long userId,
        Long organizationId,
        String email,
        @Nullable String keptSessionId,
        ClientInfo client) implements SecurityEvent {

    @Override
    public String type() {
        return "mfa_disabled";
    }

    @Override
    public String detail() {
        return "turned off by the user; other sessions end";
    }
}
