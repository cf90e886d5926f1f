package com.claribi.identity;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** An administrator ({@code userId}) created a service account. */
record ServiceAccountCreated(
        long serviceAccountId, Long organizationId, Long userId, String name, Role role, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "service_account_created";
    }

    @Override
    public String detail() {
        return "service account " + serviceAccountId + " \"" + name + "\", role " + role.value();
    }
}
