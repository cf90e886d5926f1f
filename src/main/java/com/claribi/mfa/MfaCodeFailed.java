package com.claribi.mfa;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** A code was refused (wrong, outside the time window, or already used). The code itself is never recorded. */
public record MfaCodeFailed(
        long user, long organization, String userEmail, String where, String reason, ClientInfo clientInfo)
        implements SecurityEvent {

    @Override
    public String type() {
        return "mfa_code_failed";
    }

    @Override
    public Long userId() {
        return user;
    }

    @Override
    public Long organizationId() {
        return organization;
    }

    @Override
    public String email() {
        return userEmail;
    }

    @Override
    public ClientInfo client() {
        return clientInfo;
    }

    @Override
    public String detail() {
        return where + ": " + reason;
    }
}
