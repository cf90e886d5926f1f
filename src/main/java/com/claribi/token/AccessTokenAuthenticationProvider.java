package com.claribi.token;

import com.claribi.platform.ApiAuthenticationToken;
import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.CredentialRejected;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Authenticates an access token without touching the database: a token whose signature was verified once is cached
 * until it expires, and each use checks only its expiry (to the second) and the in-memory set of revoked sessions.
 */
@Component
final class AccessTokenAuthenticationProvider implements AuthenticationProvider {

    private final TokenVerifier verifier;
    private final SessionRevocations revocations;
    private final Clock clock;
    private final Cache<String, ApiAuthenticationEntry> verified;

    private record ApiAuthenticationEntry(TokenClaims claims, ApiAuthenticationToken authentication) {}

    AccessTokenAuthenticationProvider(TokenVerifier verifier, SessionRevocations revocations, Clock clock) {
        this.verifier = verifier;
        this.revocations = revocations;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfter(Expiry.<String, ApiAuthenticationEntry>creating((token, entry) ->
                        Duration.between(clock.instant(), entry.claims().expiresAt())))
                .build();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((AccessTokenAuthenticationToken) authentication).token();
        try {
            ApiAuthenticationEntry entry = verified.getIfPresent(token);
            if (entry == null) {
                TokenClaims claims = verifier.verifySignatureAndClaims(token, TokenType.ACCESS);
                entry = new ApiAuthenticationEntry(
                        claims,
                        new ApiAuthenticationToken(ApiPrincipal.session(
                                claims.userId(), claims.organizationId(), claims.sessionId(), claims.authTime())));
                TokenVerifier.requireUnexpired(claims, clock.instant());
                verified.put(token, entry);
            } else {
                TokenVerifier.requireUnexpired(entry.claims(), clock.instant());
            }
            if (revocations.isRevoked(entry.claims().sessionId())) {
                throw ApiException.invalidToken("The session of this token has ended.");
            }
            return entry.authentication();
        } catch (ApiException e) {
            throw new CredentialRejected(e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return AccessTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
