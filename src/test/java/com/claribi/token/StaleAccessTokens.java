package com.claribi.token;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * For tests of other modules' sudo-mode checks: a copy of a real access token whose {@code auth_time} lies further back
 * than the re-authentication window (default 15 minutes), signed with the server's own key, so only its staleness is
 * wrong.
 */
public final class StaleAccessTokens {

    private static final Duration SIXTEEN_MINUTES = Duration.ofMinutes(16);

    private StaleAccessTokens() {}

    public static String of(ApplicationContext server, String access) {
        ForgedTokens forged = new ForgedTokens(server.getBean(SigningKeyRing.class));
        JWTClaimsSet claims = new JWTClaimsSet.Builder(ForgedTokens.claims(access))
                .jwtID(UUID.randomUUID().toString())
                .claim("auth_time", Instant.now().minus(SIXTEEN_MINUTES).getEpochSecond())
                .build();
        return forged.signedByServer(forged.header(TokenType.ACCESS).build(), claims);
    }
}
