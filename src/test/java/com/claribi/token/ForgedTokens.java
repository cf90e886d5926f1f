package com.claribi.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds tokens the server did not issue: any header and claims, signed with the server's own current key, with an
 * attacker's Ed25519 key, with HMAC-SHA256 under a chosen secret, or not at all (hand-built base64url parts).
 */
final class ForgedTokens {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SigningKeyRing ring;

    ForgedTokens(SigningKeyRing ring) {
        this.ring = ring;
    }

    /** The kid of the key the server signs with now. */
    String currentKid() {
        return ring.currentKid();
    }

    /** An {@code EdDSA} header as the server writes it: our current kid and the type's {@code typ}. */
    JWSHeader.Builder header(TokenType type) {
        return new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(currentKid()).type(type.header);
    }

    /** Signed with the server's real current private key. */
    String signedByServer(JWSHeader header, JWTClaimsSet claims) {
        return sign(header, claims, ring.signer());
    }

    /** Signed with an Ed25519 key the server has never seen. */
    static String signedBy(OctetKeyPair attacker, JWSHeader header, JWTClaimsSet claims) {
        try {
            return sign(header, claims, new Ed25519Signer(attacker));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HS256 under {@code secret}: the algorithm-confusion attack when the secret is our public key. */
    static String hmac(byte[] secret, String kid, TokenType type, JWTClaimsSet claims) {
        try {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256)
                    .keyID(kid)
                    .type(type.header)
                    .build();
            return sign(header, claims, new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hand-built from a header written as-is (any {@code alg}, any characters) and a signature part as given. */
    static String raw(Map<String, ?> header, JWTClaimsSet claims, String signature) {
        return encode(JSON.writeValueAsString(header)) + "." + encode(claims.toString()) + "." + signature;
    }

    /** {@code token} with its payload replaced and its header and signature kept. */
    static String withPayload(String token, JWTClaimsSet claims) {
        String[] parts = token.split("\\.", -1);
        return parts[0] + "." + encode(claims.toString()) + "." + parts[2];
    }

    /** {@code token} with its header replaced by {@code header}, written as-is, and its payload and signature kept. */
    static String withHeader(String token, Map<String, ?> header) {
        String[] parts = token.split("\\.", -1);
        return encode(JSON.writeValueAsString(header)) + "." + parts[1] + "." + parts[2];
    }

    static OctetKeyPair attackerKey() {
        try {
            return new OctetKeyPairGenerator(Curve.Ed25519)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a token, to copy from a real one. */
    static JWTClaimsSet claims(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a signed JWT: " + token, e);
        }
    }

    /** The decoded header of a token, as JSON. */
    static JsonNode header(String token) {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
    }

    /** The claims of {@code token} valid for a lifetime of {@code lifetimeSeconds} ending at {@code expiresAt}. */
    static JWTClaimsSet expiringAt(String token, Instant expiresAt, long lifetimeSeconds) {
        return new JWTClaimsSet.Builder(claims(token))
                .issueTime(Date.from(expiresAt.minusSeconds(lifetimeSeconds)))
                .expirationTime(Date.from(expiresAt))
                .build();
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
