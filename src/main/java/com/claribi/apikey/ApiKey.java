package com.claribi.apikey;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A stored key: never its secret, only the secret's hash and a displayable prefix. */
record ApiKey(
        long id,
        long userId,
        long organizationId,
        String name,
        String prefix,
        String secretHash,
        Scope scope,
        Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt,
        @Nullable Long rotatedFrom) {

    /** Revoked keys stop at {@code revoked_at}, which lies in the future while a rotated key's grace period runs. */
    boolean revokedAt(Instant now) {
        return revokedAt != null && !now.isBefore(revokedAt);
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
