package com.claribi.token;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.claribi.identity.Role;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Every way an access or refresh token is refused (RFC 8725): expired, of the wrong type, revoked, tampered with,
 * unsigned, signed with the wrong algorithm or key, or sent where it does not belong.
 */
class TokenRefusalIntegrationTests extends ServerIntegrationTest {

    private static final String STATUS = "/api/auth/status/";
    private static final String REFRESH = "/api/auth/token/refresh/";

    @Autowired
    private SigningKeyRing ring;

    private ForgedTokens forged;

    @BeforeEach
    void forger() {
        forged = new ForgedTokens(ring);
    }

    /** The control for the forged tokens below: copied with a new jti and signed with our key, it is accepted. */
    @Test
    void accessWhenForgedFaithfullyWithServerKeyThenAccepted() {
        String access = login().get("access");
        JWTClaimsSet claims = new JWTClaimsSet.Builder(ForgedTokens.claims(access))
                .jwtID(UUID.randomUUID().toString())
                .build();
        String copy = forged.signedByServer(forged.header(TokenType.ACCESS).build(), claims);
        assertThat(copy).isNotEqualTo(access); // not answered from the cache of verified tokens
        assertThat(status(copy).status()).isEqualTo(200);
    }

    // Expiry

    @Test
    void accessWhenExpiredThenTokenExpired() {
        String access = login().get("access");
        String expired = forged.signedByServer(
                forged.header(TokenType.ACCESS).build(),
                ForgedTokens.expiringAt(access, Instant.now().minusSeconds(60), 3600));
        assertThat(status(expired)).isError(401, "token_expired");
    }

    @Test
    void refreshWhenExpiredThenTokenExpired() {
        String refresh = login().get("refresh");
        String expired = forged.signedByServer(
                forged.header(TokenType.REFRESH).build(),
                ForgedTokens.expiringAt(refresh, Instant.now().minusSeconds(60), 3600));
        assertThat(refresh(expired)).isError(401, "token_expired");
        assertThat(refresh(refresh).status()).isEqualTo(200);
    }

    @Test
    void accessWhenExpirySecondReachedThenRefusedAtOnce() throws InterruptedException {
        String access = login().get("access");
        // Between 1.5 and 2.5 seconds from now, on a whole second as exp always is.
        long expiresAtSecond = (System.currentTimeMillis() + 1500) / 1000 + 1;
        long expiresAtMillis = expiresAtSecond * 1000;
        String token = forged.signedByServer(
                forged.header(TokenType.ACCESS).build(),
                ForgedTokens.expiringAt(access, Instant.ofEpochSecond(expiresAtSecond), 3600));
        assertThat(status(token).status()).isEqualTo(200);
        while (true) {
            long before = System.currentTimeMillis();
            TestClient.Response response = status(token);
            long after = System.currentTimeMillis();
            if (response.status() == 200) {
                assertThat(before).as("accepted although sent at or after exp").isLessThan(expiresAtMillis);
            } else {
                assertThat(response).isError(401, "token_expired");
                assertThat(after).as("refused before exp").isGreaterThanOrEqualTo(expiresAtMillis);
                assertThat(before).as("refused late").isLessThanOrEqualTo(expiresAtMillis + 1500);
                break;
            }
            if (before > expiresAtMillis + 5000) {
                fail("still accepted 5 seconds after exp");
            }
            Thread.sleep(50);
        }
        assertThat(status(token)).isError(401, "token_expired");
    }

    @Test
    void accessWhenIssuedByLoginThenLivesExactlyOneHour() {
        JWTClaimsSet claims = ForgedTokens.claims(login().get("access"));
        long lifetime = claims.getExpirationTime().toInstant().getEpochSecond()
                - claims.getIssueTime().toInstant().getEpochSecond();
        assertThat(lifetime).isEqualTo(3600);
    }

    // Token types

    @Test
    void accessWhenRefreshTokenPresentedThenInvalidToken() {
        assertThat(status(login().get("refresh"))).isError(401, "invalid_token");
    }

    @Test
    void refreshWhenAccessTokenPresentedThenInvalidToken() {
        assertThat(refresh(login().get("access"))).isError(401, "invalid_token");
    }

    @ParameterizedTest
    @CsvSource({"at+jwt, refresh", "rt+jwt, access", "JWT, access", "'', access"})
    void accessWhenTypeHeaderOrClaimWrongThenInvalidToken(String typ, String tokenType) {
        String access = login().get("access");
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(forged.currentKid());
        if (!typ.isEmpty()) {
            header.type(new JOSEObjectType(typ));
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder(ForgedTokens.claims(access))
                .claim(TokenType.CLAIM, tokenType)
                .build();
        assertThat(status(forged.signedByServer(header.build(), claims))).isError(401, "invalid_token");
    }

    // Revocation, and the cache of verified tokens

    @Test
    void accessWhenSessionLoggedOutThenInvalidToken() {
        String access = login().get("access");
        assertThat(status(access).status()).isEqualTo(200); // now cached as verified
        assertThat(api.post("/api/auth/logout/", "", "Authorization", TestClient.bearer(access))
                        .status())
                .isEqualTo(204);
        assertThat(status(access)).isError(401, "invalid_token");
    }

    @Test
    void accessWhenAllSessionsLoggedOutThenInvalidToken() {
        Account account = newUser(Role.EDITOR);
        String first = api.login(account.email(), account.password()).get("access");
        String second = api.login(account.email(), account.password()).get("access");
        assertThat(status(first).status()).isEqualTo(200);
        assertThat(status(second).status()).isEqualTo(200);
        assertThat(api.post("/api/auth/logout-all/", "", "Authorization", TestClient.bearer(first))
                        .status())
                .isEqualTo(204);
        assertThat(status(first)).isError(401, "invalid_token");
        assertThat(status(second)).isError(401, "invalid_token");
    }

    @Test
    void accessWhenPayloadTamperedThenInvalidTokenEvenIfOriginalWasCached() {
        Account other = newUser(Role.ADMINISTRATOR);
        String access = login().get("access");
        assertThat(status(access).status()).isEqualTo(200);
        JWTClaimsSet otherUser = new JWTClaimsSet.Builder(ForgedTokens.claims(access))
                .subject(Long.toString(other.user().id()))
                .build();
        String tampered = ForgedTokens.withPayload(access, otherUser);
        assertThat(status(tampered)).isError(401, "invalid_token");
        assertThat(status(tampered)).isError(401, "invalid_token");
        assertThat(status(access).status()).isEqualTo(200);
    }

    // Algorithms (RFC 8725 sections 2.1 and 3.1)

    @ParameterizedTest
    @CsvSource({
        "none, false", "None, false", "NONE, false", "nOnE, false",
        "none, true", "None, true", "NONE, true", "nOnE, true"
    })
    void accessWhenAlgNoneInAnyCasingThenInvalidToken(String alg, boolean keepSignature) {
        String access = login().get("access");
        Map<String, Object> header = Map.of("alg", alg, "kid", forged.currentKid(), "typ", "at+jwt");
        String unsigned = keepSignature
                ? ForgedTokens.withHeader(access, header)
                : ForgedTokens.raw(header, ForgedTokens.claims(access), "");
        assertThat(status(unsigned)).isError(401, "invalid_token");
    }

    @Test
    void accessWhenHmacSignedWithPublicJwkAsSecretThenInvalidToken() {
        String access = login().get("access");
        String kid = forged.currentKid();
        String publicJwk = TestClient.JSON.writeValueAsString(publishedKey(kid));
        String token = ForgedTokens.hmac(
                publicJwk.getBytes(StandardCharsets.UTF_8), kid, TokenType.ACCESS, ForgedTokens.claims(access));
        assertThat(status(token)).isError(401, "invalid_token");
    }

    @Test
    void accessWhenHmacSignedWithRawPublicKeyAsSecretThenInvalidToken() {
        String access = login().get("access");
        String kid = forged.currentKid();
        byte[] x = Base64.getUrlDecoder().decode(publishedKey(kid).path("x").asString());
        assertThat(x).hasSize(32);
        String token = ForgedTokens.hmac(x, kid, TokenType.ACCESS, ForgedTokens.claims(access));
        assertThat(status(token)).isError(401, "invalid_token");
    }

    // Key ids

    @Test
    void accessWhenKidUnknownThenInvalidToken() {
        String access = login().get("access");
        JWSHeader header = forged.header(TokenType.ACCESS)
                .keyID(UUID.randomUUID().toString())
                .build();
        assertThat(status(forged.signedByServer(header, ForgedTokens.claims(access))))
                .isError(401, "invalid_token");
    }

    @Test
    void accessWhenKidMissingThenInvalidToken() {
        String access = login().get("access");
        JWSHeader header = forged.header(TokenType.ACCESS).keyID(null).build();
        assertThat(status(forged.signedByServer(header, ForgedTokens.claims(access))))
                .isError(401, "invalid_token");
    }

    static Stream<String> kidTricks() {
        return Stream.of(
                "../../../../dev/null",
                "/etc/passwd",
                "..\\..\\windows\\win.ini",
                "' or '1'='1",
                "http://evil.example/key",
                "{kid}\0",
                "{kid}\0../../../../dev/null",
                "\0",
                "{kid} ",
                "{KID}",
                "");
    }

    /** Signed with our real key, so the kid alone decides: it must name one of our keys exactly. */
    @ParameterizedTest
    @MethodSource("kidTricks")
    void accessWhenKidIsAPathOrInjectionThenInvalidToken(String trick) {
        String access = login().get("access");
        String kid = forged.currentKid();
        JWSHeader header = forged.header(TokenType.ACCESS)
                .keyID(trick.replace("{kid}", kid).replace("{KID}", kid.toUpperCase(Locale.ROOT)))
                .build();
        assertThat(status(forged.signedByServer(header, ForgedTokens.claims(access))))
                .isError(401, "invalid_token");
    }

    // Keys named in the header (jwk, jku, x5u) are never used

    @Test
    void accessWhenSignedByAttackerWithEmbeddedJwkThenInvalidToken() {
        String access = login().get("access");
        OctetKeyPair attacker = ForgedTokens.attackerKey();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA)
                .type(TokenType.ACCESS.header)
                .keyID(attacker.getKeyID())
                .jwk(attacker.toPublicJWK())
                .build();
        assertThat(status(ForgedTokens.signedBy(attacker, header, ForgedTokens.claims(access))))
                .isError(401, "invalid_token");
    }

    @Test
    void accessWhenSignedByAttackerWithEmbeddedJwkAndOurKidThenInvalidToken() {
        String access = login().get("access");
        OctetKeyPair attacker = ForgedTokens.attackerKey();
        JWSHeader header =
                forged.header(TokenType.ACCESS).jwk(attacker.toPublicJWK()).build();
        assertThat(status(ForgedTokens.signedBy(attacker, header, ForgedTokens.claims(access))))
                .isError(401, "invalid_token");
    }

    @Test
    void accessWhenSignedByAttackerWithOurKidThenInvalidToken() {
        String access = login().get("access");
        JWSHeader header = forged.header(TokenType.ACCESS).build();
        String token = ForgedTokens.signedBy(ForgedTokens.attackerKey(), header, ForgedTokens.claims(access));
        assertThat(status(token)).isError(401, "invalid_token");
    }

    @Test
    void accessWhenSignedByAttackerWithJkuThenInvalidToken() {
        String access = login().get("access");
        OctetKeyPair attacker = ForgedTokens.attackerKey();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA)
                .type(TokenType.ACCESS.header)
                .keyID(attacker.getKeyID())
                .jwkURL(URI.create("http://127.0.0.1:1/jwks"))
                .build();
        assertThat(status(ForgedTokens.signedBy(attacker, header, ForgedTokens.claims(access))))
                .isError(401, "invalid_token");
    }

    @Test
    void accessWhenSignedByAttackerWithX5uThenInvalidToken() {
        String access = login().get("access");
        OctetKeyPair attacker = ForgedTokens.attackerKey();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA)
                .type(TokenType.ACCESS.header)
                .keyID(attacker.getKeyID())
                .x509CertURL(URI.create("http://127.0.0.1:1/cert.pem"))
                .build();
        assertThat(status(ForgedTokens.signedBy(attacker, header, ForgedTokens.claims(access))))
                .isError(401, "invalid_token");
    }

    /** The other side of the tests above: the headers are ignored, not fetched or trusted, so our own token passes. */
    @Test
    void accessWhenSignedByUsWithJkuJwkAndX5uThenHeadersIgnoredAndAccepted() {
        String access = login().get("access");
        JWSHeader header = forged.header(TokenType.ACCESS)
                .jwkURL(URI.create("http://127.0.0.1:1/jwks"))
                .x509CertURL(URI.create("http://127.0.0.1:1/cert.pem"))
                .jwk(ForgedTokens.attackerKey().toPublicJWK())
                .build();
        assertThat(status(forged.signedByServer(header, ForgedTokens.claims(access)))
                        .status())
                .isEqualTo(200);
    }

    // Claims

    @Test
    void accessWhenIssuerIsSomeoneElseThenInvalidToken() {
        String access = login().get("access");
        JWTClaimsSet claims = new JWTClaimsSet.Builder(ForgedTokens.claims(access))
                .issuer("evil")
                .build();
        assertThat(status(forged.signedByServer(forged.header(TokenType.ACCESS).build(), claims)))
                .isError(401, "invalid_token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sid", "exp", "iat", "sub", "org", "jti", "iss", "token_type"})
    void accessWhenClaimMissingThenInvalidToken(String claim) {
        String access = login().get("access");
        JWTClaimsSet claims = new JWTClaimsSet.Builder(ForgedTokens.claims(access))
                .claim(claim, null)
                .build();
        assertThat(claims.toJSONObject()).doesNotContainKey(claim);
        assertThat(status(forged.signedByServer(forged.header(TokenType.ACCESS).build(), claims)))
                .isError(401, "invalid_token");
    }

    // Where the token is sent (RFC 6750 section 2)

    @Test
    void accessWhenAlsoInQueryStringThenBadRequest() {
        String access = login().get("access");
        TestClient.Response response =
                api.get(STATUS + "?access_token=" + access, "Authorization", TestClient.bearer(access));
        assertThat(response).isError(400, "bad_request");
    }

    @Test
    void accessWhenOnlyInQueryStringThenBadRequest() {
        String access = login().get("access");
        TestClient.Response response = api.get(STATUS + "?access_token=" + access);
        assertThat(response).isError(400, "bad_request");
    }

    // Garbage

    static Stream<String> garbage() {
        return Stream.of("abc", "a.b.c", "a.b.", "....", "eyJhbGciOiJFZERTQSJ9." + "x".repeat(5_000) + ".x");
    }

    @ParameterizedTest
    @MethodSource("garbage")
    void accessWhenTokenIsGarbageThenInvalidToken(String token) {
        assertThat(status(token)).isError(401, "invalid_token");
    }

    /** Over the server's 8 KB limit on request headers, refused before any filter sees it, in the API's format. */
    @Test
    void accessWhenTokenLongerThanHeaderLimitThenBadRequest() {
        TestClient.Response response = status("x".repeat(10_000));
        assertThat(response).isError(400, "bad_request");
    }

    @Test
    void accessWhenBearerEmptyThenUnauthorized() {
        TestClient.Response response = api.get(STATUS, "Authorization", "Bearer ");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.error()).isIn("invalid_token", "not_authenticated");
    }

    private Map<String, String> login() {
        Account account = newUser(Role.VIEWER);
        return api.login(account.email(), account.password());
    }

    private TestClient.Response status(String access) {
        return api.get(STATUS, "Authorization", TestClient.bearer(access));
    }

    private TestClient.Response refresh(String refresh) {
        return api.post(REFRESH, Map.of("refresh", refresh));
    }

    private JsonNode publishedKey(String kid) {
        for (JsonNode key : api.get("/api/auth/jwks/").json().path("keys")) {
            if (kid.equals(key.path("kid").asString())) {
                return key;
            }
        }
        throw new AssertionError("kid " + kid + " is not published");
    }
}
