package com.claribi.apikey;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** A user revoked an API key. */
record ApiKeyRevoked(long keyId, Long organizationId, Long userId, String prefix, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "api_key_revoked";
    }

    @Override
    public String detail() {
        return "key " + keyId + " " + prefix + "...";
    }
}
