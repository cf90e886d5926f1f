package com.claribi.platform;

import org.jspecify.annotations.Nullable;

/**
 * A request was refused with 403 {@code permission_denied}: recorded at most once a minute per principal and route, so
 * a client repeating a forbidden request cannot flood the log.
 */
record PermissionDenied(
        @Nullable Long userId,
        @Nullable Long organizationId,
        @Nullable Long apiKeyId,
        String route,
        String reason,
        ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "permission_denied";
    }

    @Override
    public String detail() {
        return route + (apiKeyId == null ? "" : " with API key " + apiKeyId) + ": " + reason;
    }
}
