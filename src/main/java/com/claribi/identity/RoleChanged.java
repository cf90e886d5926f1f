package com.claribi.identity;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** An administrator changed a user's role; it applies to the user's next request. */
record RoleChanged(
        Long userId, Long organizationId, String email, Role from, Role to, long changedBy, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "role_changed";
    }

    @Override
    public String detail() {
        return from.value() + " to " + to.value() + " by user " + changedBy;
    }
}
