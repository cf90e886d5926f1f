package com.claribi.identity;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** A user can no longer sign in; their sessions and API keys must stop working at once. */
public record UserDeactivated(long user, long organization, String userEmail, ClientInfo clientInfo)
        implements SecurityEvent {

    @Override
    public String type() {
        return "user_deactivated";
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
