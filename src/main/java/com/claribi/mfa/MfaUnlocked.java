package com.claribi.mfa;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** A locked authenticator was unlocked: by a recovery code, or by an operator's reset. */
record MfaUnlocked(Long userId, Long organizationId, String email, String how, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "mfa_unlocked";
    }

    @Override
    public String detail() {
        return how;
    }
}
