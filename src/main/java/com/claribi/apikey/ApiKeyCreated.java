package com.claribi.apikey;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/**
 * A user ({@code userId}) created an API key for themselves or, as an administrator, for a service account
 * ({@code ownerId}); only its prefix is recorded, never its secret.
 */
record ApiKeyCreated(
        long keyId, Long organizationId, Long userId, long ownerId, String prefix, String scope, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "api_key_created";
    }

    @Override
    public String detail() {
        return "key " + keyId + " " + prefix + "... (" + scope + ")" + ApiKeyRevoked.owner(userId, ownerId);
    }
}
