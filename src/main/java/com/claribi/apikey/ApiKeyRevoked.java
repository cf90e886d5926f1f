package com.claribi.apikey;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/**
 * A user ({@code userId}) revoked an API key: their own, or as an administrator any key of the organization (another
 * user's or a service account's, {@code ownerId}).
 */
record ApiKeyRevoked(long keyId, Long organizationId, Long userId, long ownerId, String prefix, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "api_key_revoked";
    }

    @Override
    public String detail() {
        return "key " + keyId + " " + prefix + "..." + owner(userId, ownerId);
    }

    /** Names the key's owner when it is not who acted (an administrator acting on another identity's key). */
    static String owner(long actorId, long ownerId) {
        return actorId == ownerId ? "" : ", owner " + ownerId;
    }
}
