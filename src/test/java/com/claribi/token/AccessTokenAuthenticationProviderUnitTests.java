package com.claribi.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.claribi.platform.ApiAuthenticationToken;
import com.claribi.platform.ApiException;
import com.claribi.platform.CredentialRejected;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;

/**
 * Each way {@link AccessTokenAuthenticationProvider} refuses an access token, without a database or keys: the verifier
 * here knows its tokens by name, and the revocations are the real in-memory set over no stored revocations. Signature
 * and claim checks have their own tests ({@code TokenRefusalIntegrationTests}); this is what the provider adds to them.
 */
class AccessTokenAuthenticationProviderUnitTests {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(15);

    private final MovableClock clock = new MovableClock(NOW);
    private final Map<String, TokenClaims> issued = new HashMap<>();
    private final AtomicInteger verifications = new AtomicInteger();
    private final SessionRevocations revocations = new SessionRevocations(
            new Sessions(null, clock) {
                @Override
                List<Revocation> revokedSince(Instant since) {
                    return List.of();
                }

                @Override
                Instant databaseNow() {
                    return clock.instant();
                }
            },
            new TokenProperties(TTL, Duration.ofDays(7), "off", "claribi", Duration.ofSeconds(30)),
            clock);
    private final AccessTokenAuthenticationProvider provider = new AccessTokenAuthenticationProvider(
            new TokenVerifier(null, null, clock) {
                @Override
                TokenClaims verifySignatureAndClaims(String token, TokenType expected) {
                    verifications.incrementAndGet();
                    TokenClaims claims = issued.get(token);
                    if (claims == null) {
                        throw ApiException.invalidToken("The token's signature is not valid.");
                    }
                    return claims;
                }
            },
            revocations,
            clock);

    @Test
    void authenticateWhenTokenValidThenSessionPrincipal() {
        String token = issue("session-1", NOW.plus(TTL));

        Authentication authentication = provider.authenticate(token(token));

        var principal = ((ApiAuthenticationToken) authentication).getPrincipal();
        assertThat(principal.userId()).isEqualTo(7);
        assertThat(principal.organizationId()).isEqualTo(3);
        assertThat(principal.sessionId()).isEqualTo("session-1");
        assertThat(principal.viaApiKey()).isFalse();
    }

    @Test
    void authenticateWhenSignatureInvalidThenRejected() {
        assertRejected("forged", "invalid_token");
    }

    @Test
    void authenticateWhenTokenExpiredThenRejected() {
        assertRejected(issue("session-1", NOW), "token_expired");
    }

    @Test
    void authenticateWhenCachedTokenExpiresThenRejected() {
        String token = issue("session-1", NOW.plusSeconds(10));
        provider.authenticate(token(token));

        clock.advance(Duration.ofSeconds(10));

        assertRejected(token, "token_expired");
        assertThat(verifications).as("the cached token is not verified again").hasValue(1);
    }

    @Test
    void authenticateWhenSessionRevokedThenRejected() {
        String token = issue("session-1", NOW.plus(TTL));
        revocations.revokedHere("session-1");

        assertRejected(token, "invalid_token");
    }

    @Test
    void authenticateWhenSessionRevokedAfterTokenWasCachedThenRejected() {
        String token = issue("session-1", NOW.plus(TTL));
        String other = issue("session-2", NOW.plus(TTL));
        provider.authenticate(token(token));
        provider.authenticate(token(other));

        revocations.revokedHere("session-1");

        assertRejected(token, "invalid_token");
        assertThat(provider.authenticate(token(other)))
                .as("another session's token")
                .isInstanceOf(ApiAuthenticationToken.class);
    }

    private void assertRejected(String token, String code) {
        assertThatThrownBy(() -> provider.authenticate(token(token)))
                .isInstanceOfSatisfying(
                        CredentialRejected.class,
                        rejected -> assertThat(rejected.error().code()).isEqualTo(code));
    }

    /** The credential as the converter hands it over; the only line that names the token class. */
    private static Authentication token(String token) {
        return new AccessTokenAuthenticationToken(token);
    }

    private String issue(String sessionId, Instant expiresAt) {
        String token = "token-" + (issued.size() + 1);
        issued.put(
                token,
                new TokenClaims(
                        TokenType.ACCESS, 7, 3, sessionId, "jti-" + token, expiresAt.minus(TTL), expiresAt, NOW));
        return token;
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
