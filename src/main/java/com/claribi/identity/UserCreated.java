package com.claribi.identity;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** A user was added to an organization. */
public record UserCreated(long user, long organization, String userEmail, Role role, ClientInfo clientInfo)
        implements SecurityEvent {

    @Override
    public String type() {
        return "user_created";
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
        return "role " + role.value();
    }
}
