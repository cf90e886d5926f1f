package com.claribi.identity;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/**
 * An administrator ({@code userId}) deactivated a service account: its API keys must stop working at once, in every
 * process.
 */
public record ServiceAccountDeactivated(
        long serviceAccountId, Long organizationId, Long userId, String name, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "service_account_deactivated";
    }

    @Override
    public String detail() {
        return "service account " + serviceAccountId + " \"" + name + "\"";
    }
}
