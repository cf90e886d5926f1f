package com.claribi.identity;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** An administrator ({@code userId}) renamed a service account or changed its role; the role applies at once. */
record ServiceAccountChanged(
        long serviceAccountId,
        Long organizationId,
        Long userId,
        String fromName,
        String toName,
        Role fromRole,
        Role toRole,
        ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "service_account_changed";
    }

    @Override
    public String detail() {
        return "service account " + serviceAccountId + ": name \"" + fromName + "\" to \"" + toName + "\", role "
                + fromRole.value() + " to " + toRole.value();
    }
}
