package com.claribi.token;

import com.claribi.platform.ApiException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * Verifies a token's signature and claims. Only {@code EdDSA} with a {@code kid} of ours is accepted: {@code none}
 * in any casing, HMAC algorithms (the public-key-as-secret confusion) and keys named by {@code jku}, {@code jwk} or
 * {@code x5u} are never used (RFC 8725 sections 2.1 and 3.1).
 */
@Component
class TokenVerifier {

    /** Far more than any token we issue; refuses oversized input before parsing it. */
    private static final int MAX_LENGTH = 4096;

    private final SigningKeyRing keys;
    private final TokenProperties properties;
    private final Clock clock;

    TokenVerifier(SigningKeyRing keys, TokenProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    TokenClaims verify(String token, TokenType expected) {
        TokenClaims claims = verifySignatureAndClaims(token, expected);
        requireUnexpired(claims, clock.instant());
        return claims;
    }

    /** Everything but expiry, which a cache of verified tokens checks again on every use. */
    TokenClaims verifySignatureAndClaims(String token, TokenType expected) {
        if (token.length() > MAX_LENGTH) {
            throw ApiException.invalidToken("The token is too long.");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw ApiException.invalidToken("The token is not a signed JWT.");
        }
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
            throw ApiException.invalidToken("The token's algorithm is not accepted.");
        }
        String kid = header.getKeyID();
        if (kid == null || kid.isEmpty()) {
            throw ApiException.invalidToken("The token has no key id.");
        }
        Ed25519Verifier verifier = keys.verifier(kid);
        if (verifier == null) {
            throw ApiException.invalidToken("The token was signed with an unknown key.");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw ApiException.invalidToken("The token's signature is not valid.");
            }
        } catch (JOSEException e) {
            throw ApiException.invalidToken("The token's signature is not valid.");
        }
        if (!expected.header.equals(header.getType())) {
            throw wrongType(expected);
        }
        try {
            JWTClaimsSet set = jwt.getJWTClaimsSet();
            if (!expected.claim.equals(set.getStringClaim(TokenType.CLAIM))) {
                throw wrongType(expected);
            }
            if (!properties.tokenIssuer().equals(set.getIssuer())) {
                throw ApiException.invalidToken("The token was issued by someone else.");
            }
            Date issued = set.getIssueTime();
            Date expires = set.getExpirationTime();
            String subject = set.getSubject();
            Long organization = set.getLongClaim("org");
            String session = set.getStringClaim("sid");
            String jti = set.getJWTID();
            Long authTime = expected == TokenType.ACCESS ? set.getLongClaim(TokenIssuer.AUTH_TIME) : null;
            if (issued == null
                    || expires == null
                    || subject == null
                    || organization == null
                    || session == null
                    || jti == null) {
                throw ApiException.invalidToken("The token lacks a required claim.");
            }
            return new TokenClaims(
                    expected,
                    Long.parseLong(subject),
                    organization,
                    session,
                    jti,
                    issued.toInstant(),
                    expires.toInstant(),
                    authTime == null ? null : Instant.ofEpochSecond(authTime));
        } catch (ParseException | NumberFormatException e) {
            throw ApiException.invalidToken("The token's claims are malformed.");
        }
    }

    /** RFC 7519 section 4.1.4: not accepted on or after {@code exp}; no clock-skew allowance. */
    static void requireUnexpired(TokenClaims claims, Instant now) {
        if (now.getEpochSecond() >= claims.expiresAt().getEpochSecond()) {
            throw ApiException.tokenExpired(
                    claims.type() == TokenType.ACCESS
                            ? "The access token has expired; get a new one with the refresh token."
                            : "The refresh token has expired; sign in again.");
        }
    }

    private static ApiException wrongType(TokenType expected) {
        return ApiException.invalidToken(
                expected == TokenType.ACCESS ? "This is not an access token." : "This is not a refresh token.");
    }
}
