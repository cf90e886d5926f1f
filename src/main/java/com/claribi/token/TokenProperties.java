package com.claribi.token;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token lifetimes and refresh behaviour, {@code claribi.token.*}, also read under their documented names
 * {@code CLARIBI_ACCESS_TOKEN_TTL}, {@code CLARIBI_REFRESH_TOKEN_TTL} (ISO-8601 durations) and
 * {@code CLARIBI_REFRESH_ROTATION} ({@code on} or {@code off}).
 *
 * @param revocationsLookBack how far behind the newest revocation seen each poll of the sessions table reads again, for
 *     transactions that committed late ({@code CLARIBI_REVOCATIONS_LOOK_BACK}; not in the contract: the tests shorten
 *     it so that a test of a late commit waits seconds, not half a minute)
 */
@ConfigurationProperties("claribi.token")
public record TokenProperties(
        @DefaultValue("PT1H") Duration accessTokenTtl,
        @DefaultValue("P7D") Duration refreshTokenTtl,
        @DefaultValue("off") String refreshRotation,
        @DefaultValue("claribi") String tokenIssuer,
        @DefaultValue("PT30S") Duration revocationsLookBack) {

    /** How long a rotated refresh token is still accepted, for clients that raced or lost a response. */
    static final Duration ROTATION_GRACE = Duration.ofSeconds(10);

    public TokenProperties {
        if (accessTokenTtl.isNegative() || accessTokenTtl.toSeconds() < 1) {
            throw new IllegalArgumentException("CLARIBI_ACCESS_TOKEN_TTL must be at least one second");
        }
        if (refreshTokenTtl.toSeconds() < 1) {
            throw new IllegalArgumentException("CLARIBI_REFRESH_TOKEN_TTL must be at least one second");
        }
        if (revocationsLookBack.toSeconds() < 1) {
            throw new IllegalArgumentException("CLARIBI_REVOCATIONS_LOOK_BACK must be at least one second");
        }
    }

    boolean rotation() {
        String v = refreshRotation.trim().toLowerCase(Locale.ROOT);
        return v.equals("on") || v.equals("true") || v.equals("yes") || v.equals("1");
    }

    /** How long a retired signing key must stay published: until every token it signed has expired. */
    Duration longestTokenLifetime() {
        return accessTokenTtl.compareTo(refreshTokenTtl) > 0 ? accessTokenTtl : refreshTokenTtl;
    }
}
