package com.claribi.token;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What a verified token says; {@code authTime} only in access tokens (absent in those issued before it existed). */
record TokenClaims(
        TokenType type,
        long userId,
        long organizationId,
        String sessionId,
        String jti,
        Instant issuedAt,
        Instant expiresAt,
        @Nullable Instant authTime) {}
