package com.claribi.mfa;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** A code was refused (wrong, outside the time window, or already used). The code itself is never recorded. */
record MfaCodeFailed(Long userId, Long organizationId, String email, String where, String reason, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "mfa_code_failed";
    }

    @Override
    public String detail() {
        return where + ": " + reason;
    }
}
