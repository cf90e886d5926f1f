package com.claribi.token;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/**
 * A re-authentication was refused: wrong password, missing or wrong code, or throttled. Neither the password nor the
 * code is recorded.
 */
record ReauthenticationFailed(Long userId, Long organizationId, String email, String reason, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "reauthentication_failed";
    }

    @Override
    public String detail() {
        return reason;
    }
}
