package com.claribi.identity;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;
import org.jspecify.annotations.Nullable;

/** A user's password was changed; every session but {@code keptSessionId} must end. */
public record PasswordChanged(
        long user,
        long organization,
        String userEmail,
        @Nullable String keptSessionId,
        ClientInfo clientInfo) implements SecurityEvent {

    @Override
    public String type() {
        return "password_changed";
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
}
