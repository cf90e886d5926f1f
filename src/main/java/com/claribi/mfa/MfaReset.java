package com.claribi.mfa;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** An operator turned a user's MFA off ({@code bin/claribi user reset-mfa}), for instance after a lost phone. */
record MfaReset(Long userId, Long organizationId, String email, boolean wasOn, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "mfa_reset";
    }

    @Override
    public String detail() {
        return wasOn ? "turned off by an operator" : "reset by an operator; MFA was not on";
    }
}
