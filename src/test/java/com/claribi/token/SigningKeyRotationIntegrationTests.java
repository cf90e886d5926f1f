package com.claribi.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.platform.ClientInfo;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code bin/claribi keys rotate}: the new key signs at once, and the retired one stays published, so tokens signed
 * before the rotation keep working until they expire. Other test classes share this server, which is what a rotation
 * in production looks like to them.
 */
class SigningKeyRotationIntegrationTests extends ServerIntegrationTest {

    @Autowired
    private SigningKeyRotation rotation;

    @Autowired
    private SigningKeyRing ring;

    @Test
    void rotateThenJwksPublishesOldAndNewKeysWithoutPrivateParts() {
        String oldKid = kid(login().get("access"));
        String newKid = rotation.rotate(ClientInfo.COMMAND_LINE);
        assertThat(newKid).isNotEqualTo(oldKid);

        TestClient.Response jwks = api.get("/api/auth/jwks/");
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.json().path("keys").findValuesAsString("kid")).contains(oldKid, newKid);
        for (JsonNode key : jwks.json().path("keys")) {
            assertThat(key.path("kty").asString()).isEqualTo("OKP");
            assertThat(key.path("crv").asString()).isEqualTo("Ed25519");
            assertThat(key.has("d")).as("private part published: %s", key).isFalse();
        }
        assertThat(jwks.text()).doesNotContain("\"d\"");
    }

    @Test
    void rotateThenNewLoginsAreSignedWithNewKey() {
        String newKid = rotation.rotate(ClientInfo.COMMAND_LINE);
        Map<String, String> tokens = login();
        assertThat(kid(tokens.get("access"))).isEqualTo(newKid);
        assertThat(kid(tokens.get("refresh"))).isEqualTo(newKid);
        assertThat(status(tokens.get("access")).status()).isEqualTo(200);
    }

    @Test
    void rotateThenAccessTokenSignedWithRetiredKeyStillAccepted() {
        // Not used before the rotation, so that no cache of verified tokens can answer for the retired key.
        String access = login().get("access");
        String oldKid = kid(access);
        rotation.rotate(ClientInfo.COMMAND_LINE);
        ring.reload(); // as every server process does every few seconds: the keys now come from the database only

        assertThat(status(access).status()).isEqualTo(200);
        assertThat(api.get("/api/auth/jwks/").json().path("keys").findValuesAsString("kid"))
                .contains(oldKid);
    }

    @Test
    void rotateThenRefreshTokenSignedWithRetiredKeyStillAccepted() {
        Map<String, String> tokens = login();
        String newKid = rotation.rotate(ClientInfo.COMMAND_LINE);
        ring.reload();

        TestClient.Response refreshed = api.post("/api/auth/token/refresh/", Map.of("refresh", tokens.get("refresh")));
        assertThat(refreshed.status()).isEqualTo(200);
        String access = refreshed.json().path("access").asString();
        assertThat(kid(access)).isEqualTo(newKid);
        assertThat(status(access).status()).isEqualTo(200);
    }

    @Test
    void rotateTwiceThenTokensOfEveryRetiredKeyStillAccepted() {
        String first = login().get("access");
        rotation.rotate(ClientInfo.COMMAND_LINE);
        String second = login().get("access");
        rotation.rotate(ClientInfo.COMMAND_LINE);
        ring.reload();

        assertThat(kid(first)).isNotEqualTo(kid(second));
        assertThat(status(first).status()).isEqualTo(200);
        assertThat(status(second).status()).isEqualTo(200);
    }

    private Map<String, String> login() {
        Account account = newUser(Role.VIEWER);
        return api.login(account.email(), account.password());
    }

    private TestClient.Response status(String access) {
        return api.get("/api/auth/status/", "Authorization", TestClient.bearer(access));
    }

    private static String kid(String token) {
        return ForgedTokens.header(token).path("kid").asString();
    }
}
