package com.claribi.mfa;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** A user confirmed an authenticator: from now on, signing in needs a code. */
public record MfaEnabled(long user, long organization, String userEmail, ClientInfo clientInfo)
        implements SecurityEvent {

    @Override
    public String type() {
        return "mfa_enabled";
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
        return "authenticator confirmed; " + RecoveryCode.COUNT + " recovery codes issued";
    }
}
