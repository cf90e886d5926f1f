package com.claribi.token;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** A user signed in and a session started. */
public record LoginSucceeded(long user, long organization, String userEmail, String sessionId, ClientInfo clientInfo)
        implements SecurityEvent {

    @Override
    public String type() {
        return "login_succeeded";
    }

    @Override
    public Long organizationId() {
        return organization;
    }

    @Override
    public Long userId() {
        return user;
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
