package com.claribi.identity;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;
import org.jspecify.annotations.Nullable;

/** A user's password was changed; every session but {@code keptSessionId} must end. */
public record PasswordChanged(
        Long userId,
        Long organizationId,
        String email,
        @Nullable String keptSessionId,
        ClientInfo client) implements SecurityEvent {

    @Override
    public String type() {
        return "password_changed";
    }
}
