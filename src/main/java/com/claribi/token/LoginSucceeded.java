package com.claribi.token;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** A user signed in and a session started. */
record LoginSucceeded(Long userId, Long organizationId, String email, String sessionId, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "login_succeeded";
    }
}
