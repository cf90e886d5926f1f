package com.claribi.platform;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Who a request acts for: a user of an organization, through a session (JWT) or through an API key whose scope may
 * narrow what the user can do. {@code authTime} is when a session's user last proved their password (the access token's
 * {@code auth_time}); null for an API key, or a token issued before the claim existed.
 */
public record ApiPrincipal(
        long userId,
        long organizationId,
        @Nullable String sessionId,
        @Nullable Long apiKeyId,
        boolean readOnly,
        @Nullable Instant authTime) {

    public ApiPrincipal(
            long userId, long organizationId, @Nullable String sessionId, @Nullable Long apiKeyId, boolean readOnly) {
        this(userId, organizationId, sessionId, apiKeyId, readOnly, null);
    }

    public static ApiPrincipal session(long userId, long organizationId, String sessionId, @Nullable Instant authTime) {
        return new ApiPrincipal(userId, organizationId, sessionId, null, false, authTime);
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
