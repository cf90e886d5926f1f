package com.claribi.token;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;
import org.jspecify.annotations.Nullable;

/** A sign-in was refused: wrong credentials, or throttled. The password itself is never recorded. */
public record LoginFailed(
        @Nullable Long user, @Nullable Long organization, String attemptedEmail, String reason, ClientInfo clientInfo)
        implements SecurityEvent {

    @Override
    public String type() {
        return "login_failed";
    }

    @Override
    public @Nullable Long organizationId() {
        return organization;
    }

    @Override
    public @Nullable Long userId() {
        return user;
    }

    @Override
    public String email() {
        return attemptedEmail;
    }

    @Override
    public ClientInfo client() {
        return clientInfo;
    }

    @Override
    public String detail() {
        return reason;
    }
}
