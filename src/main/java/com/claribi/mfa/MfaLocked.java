package com.claribi.mfa;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** An account's authenticator locked after too many consecutive wrong codes; recovery codes still work. */
record MfaLocked(Long userId, Long organizationId, String email, int wrongCodes, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "mfa_locked";
    }

    @Override
    public String detail() {
        return wrongCodes + " consecutive wrong authenticator codes; codes are refused until a recovery code is used or"
                + " an operator resets MFA";
    }
}
