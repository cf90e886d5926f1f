package com.claribi.mfa;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** A user confirmed an authenticator: from now on, signing in needs a code. */
record MfaEnabled(Long userId, Long organizationId, String email, ClientInfo client) implements SecurityEvent {

    @Override
    public String type() {
        return "mfa_enabled";
    }

    @Override
    public String detail() {
        return "authenticator confirmed; " + RecoveryCode.COUNT + " recovery codes issued";
    }
}
