package com.claribi.mfa;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** A recovery code was spent, in place of an authenticator code. */
public record RecoveryCodeUsed(
        long user, long organization, String userEmail, String where, int remaining, ClientInfo clientInfo)
        implements SecurityEvent {

    @Override
    public String type() {
        return "recovery_code_used";
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
        return where + "; " + remaining + " unused recovery codes left";
    }
}
