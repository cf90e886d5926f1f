package com.claribi.token;

import com.claribi.platform.Timestamps;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Signs access and refresh tokens with the current Ed25519 key. */
@Component
class TokenIssuer {

    static final String AUTH_TIME = "auth_time";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningKeyRing keys;
    private final TokenProperties properties;
    private final Clock clock;

    TokenIssuer(SigningKeyRing keys, TokenProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    /** 128 random bits, base64url: session ids and token ids. */
    static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The time of the tokens issued now; sessions take theirs from here so that they agree with {@code iat}. */
    Instant now() {
        return Timestamps.now(clock);
    }

    /** An access token; {@code authTime} is when the user last proved their password in this session. */
    String access(long userId, long organizationId, String sessionId, Instant authTime) {
        Instant now = now();
        return sign(
                TokenType.ACCESS,
                userId,
                organizationId,
                sessionId,
                randomId(),
                now,
                properties.accessTokenTtl(),
                authTime);
    }

    String refresh(long userId, long organizationId, String sessionId, String jti, Instant expiresAt) {
        Instant now = now();
        return sign(
                TokenType.REFRESH, userId, organizationId, sessionId, jti, now, Duration.between(now, expiresAt), null);
    }

    private String sign(
            TokenType type,
            long userId,
            long organizationId,
            String sessionId,
            String jti,
            Instant issuedAt,
            Duration lifetime,
            @Nullable Instant authTime) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA)
                .keyID(keys.currentKid())
                .type(type.header)
                .build();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(properties.tokenIssuer())
                .subject(Long.toString(userId))
                .claim("org", organizationId)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(lifetime)))
                .jwtID(jti)
                .claim("sid", sessionId)
                .claim(TokenType.CLAIM, type.claim);
        if (authTime != null) {
            // RFC 9068 section 2.2.1 / OIDC Core section 2: seconds since the epoch, like iat.
            claims.claim(AUTH_TIME, authTime.getEpochSecond());
        }
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(keys.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return jwt.serialize();
    }
}
