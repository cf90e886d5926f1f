package com.claribi.mfa;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** A user replaced their recovery codes; the previous set no longer works. */
public record RecoveryCodesRegenerated(long user, long organization, String userEmail, ClientInfo clientInfo)
        implements SecurityEvent {

    @Override
    public String type() {
        return "recovery_codes_regenerated";
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
        return RecoveryCode.COUNT + " new recovery codes; the previous set no longer works";
    }
}
