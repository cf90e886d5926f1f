package com.claribi.mfa;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** A user replaced their recovery codes; the previous set no longer works. */
record RecoveryCodesRegenerated(Long userId, Long organizationId, String email, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "recovery_codes_regenerated";
    }

    @Override
    public String detail() {
        return RecoveryCode.COUNT + " new recovery codes; the previous set no longer works";
    }
}
