package com.claribi.platform;

import org.jspecify.annotations.Nullable;

/**
 * Who a request acts for: a user of an organization, through a session (JWT) or through an API key whose scope may
 * narrow what the user can do.
 */
public record ApiPrincipal(
        long userId,
        long organizationId,
        @Nullable String sessionId,
        @Nullable Long apiKeyId,
        boolean readOnly) {

    public static ApiPrincipal session(long userId, long organizationId, String sessionId) {
        return new ApiPrincipal(userId, organizationId, sessionId, null, false);
    }

    public boolean viaApiKey() {
        return apiKeyId != null;
    }

    /** Refuses API keys on endpoints that manage credentials: a key can never create keys or change a password. */
    public String requireSession() {
        if (sessionId == null) {
            throw ApiException.permissionDenied("This endpoint needs a signed-in session; API keys cannot use it.");
        }
        return sessionId;
    }
}
