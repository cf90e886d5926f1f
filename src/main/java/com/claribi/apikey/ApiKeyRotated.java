package com.claribi.apikey;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/**
 * A user ({@code userId}) rotated an API key of theirs or, as an administrator, of a service account ({@code
 * ownerId}): a new key replaces the old one, which works until its grace period ends.
 */
record ApiKeyRotated(
        long keyId,
        Long organizationId,
        Long userId,
        long ownerId,
        String prefix,
        String scope,
        long rotatedFrom,
        ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "api_key_rotated";
    }

    @Override
    public String detail() {
        return "key " + keyId + " " + prefix + "... (" + scope + ") replaces key " + rotatedFrom
                + ApiKeyRevoked.owner(userId, ownerId);
    }
}
