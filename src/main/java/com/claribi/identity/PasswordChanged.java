package com.claribi.identity;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;
import org.jspecify.annotations.Nullable;

/**
 * A user's password was changed, by the user ({@code keptSessionId} is their session) or through a reset link
 * ({@code byReset}, and no session is kept); every session but {@code keptSessionId} must end.
 */
public record PasswordChanged(
        Long userId,
        Long organizationId,
        String email,
        @Nullable String keptSessionId,
        boolean byReset,
        ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return byReset ? "password_reset" : "password_changed";
    }
}
