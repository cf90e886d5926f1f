package com.claribi.token;

import java.time.Instant;

/** What a verified token says. */
record TokenClaims(
        TokenType type,
        long userId,
        long organizationId,
        String sessionId,
        String jti,
        Instant issuedAt,
        Instant expiresAt) {}
