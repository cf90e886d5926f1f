package com.claribi.mfa;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** An operator turned a user's MFA off ({@code bin/claribi user reset-mfa}), for instance after a lost phone. */
public record MfaReset(long user, long organization, String userEmail, boolean wasOn, ClientInfo clientInfo)
        implements SecurityEvent {

    @Override
    public String type() {
        return "mfa_reset";
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
        return wasOn ? "turned off by an operator" : "reset by an operator; MFA was not on";
    }
}
