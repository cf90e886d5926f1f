package com.claribi.client.model;

import java.time.Instant;

/**
 * An API key; {@code key}, the full secret, is set only in the answer that created or rotated it, and {@code owner}
 * only in the organization's list.
 */
public record ApiKey(
        long id,
        String name,
        String prefix,
        ApiKeyScope scope,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt,
        boolean rotationDue,
        Long rotatedFrom,
        String key,
        ApiKeyOwner owner) {

    /** Prints {@code key}, the secret, as {@code ***} (when set). */
    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", name=" + name + ", prefix=" + prefix + ", scope=" + scope + ", createdAt="
                + createdAt + ", expiresAt=" + expiresAt + ", lastUsedAt=" + lastUsedAt + ", revokedAt=" + revokedAt
                + ", rotationDue=" + rotationDue + ", rotatedFrom=" + rotatedFrom + ", key=" + Redacted.of(key)
                + ", owner=" + owner + "]";
    }
}
