package com.claribi.mfa;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** A recovery code was spent, in place of an authenticator code. */
record RecoveryCodeUsed(Long userId, Long organizationId, String email, String where, int remaining, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "recovery_code_used";
    }

    @Override
    public String detail() {
        return where + "; " + remaining + " unused recovery codes left";
    }
}
