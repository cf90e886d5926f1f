package com.claribi.token;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** A signed-in user proved their password (and second factor) again: the session may do sensitive operations. */
record Reauthenticated(Long userId, Long organizationId, String email, String sessionId, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "reauthenticated";
    }

    @Override
    public String detail() {
        return "session " + sessionId.substring(0, Math.min(8, sessionId.length())) + "...";
    }
}
