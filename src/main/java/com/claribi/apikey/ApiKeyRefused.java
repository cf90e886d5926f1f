package com.claribi.apikey;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;
import org.jspecify.annotations.Nullable;

/**
 * A request's API key was refused ({@code reason}: unknown, expired, revoked...); the key's fields are null when no
 * stored key matches. Only the key's prefix is recorded, never its secret.
 */
record ApiKeyRefused(
        String reason,
        @Nullable Long keyId,
        @Nullable String prefix,
        @Nullable Long organizationId,
        @Nullable Long userId,
        @Nullable ClientInfo client)
        implements SecurityEvent {

    static ApiKeyRefused of(String reason, @Nullable ApiKey key, @Nullable ClientInfo client) {
        return key == null
                ? new ApiKeyRefused(reason, null, null, null, null, client)
                : new ApiKeyRefused(reason, key.id(), key.prefix(), key.organizationId(), key.userId(), client);
    }

    @Override
    public String type() {
        return "api_key_refused";
    }

    @Override
    public String detail() {
        return reason + (keyId == null ? "" : " " + prefix + "... (key " + keyId + ")");
    }
}
