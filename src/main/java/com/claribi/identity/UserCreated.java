package com.claribi.identity;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** A user was added to an organization. */
record UserCreated(Long userId, Long organizationId, String email, Role role, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "user_created";
    }

    @Override
    public String detail() {
        return "role " + role.value();
    }
}
