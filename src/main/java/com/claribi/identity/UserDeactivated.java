package com.claribi.identity;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** A user can no longer sign in; their sessions and API keys must stop working at once. */
public record UserDeactivated(Long userId, Long organizationId, String email, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "user_deactivated";
    }
}
