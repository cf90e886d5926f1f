package com.claribi.token;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/**
 * Sessions of a user ended: a logout ({@code count} 1), a logout from everywhere, a password change, a reused refresh
 * token or an operator's command.
 */
record SessionsRevoked(Long userId, Long organizationId, int count, String reason, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "sessions_revoked";
    }

    @Override
    public String detail() {
        return reason + " (" + count + (count == 1 ? " session)" : " sessions)");
    }
}
