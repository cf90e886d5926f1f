package com.claribi.identity;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A non-human identity of an organization for integrations: it holds only API keys, which act with its role, and
 * outlives the administrator who made it ({@code createdBy}, null only if that row is gone).
 */
public record ServiceAccount(
        long id,
        long organizationId,
        String name,
        Role role,
        Instant createdAt,
        @Nullable Long createdBy,
        boolean active) {}
