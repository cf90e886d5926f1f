package com.claribi.token;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.MfaEnrolment;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestAuthenticator;
import com.claribi.support.TestClient;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sudo mode (API.md, "Re-authentication"): each sensitive operation refuses an access token whose {@code auth_time} is
 * older than the window (default 15 minutes) with 403 {@code reauthentication_required} and changes nothing, and admits
 * the same session's token once it is fresh. The stale tokens are the server's own tokens with only {@code auth_time}
 * moved back, signed with its key: what a refresh days after the login used to mint.
 */
class SudoModeIntegrationTests extends ServerIntegrationTest {

    private static final long SIXTEEN_MINUTES = 16 * 60;

    @Autowired
    private SigningKeyRing ring;

    private ForgedTokens forged;

    @BeforeEach
    void forger() {
        forged = new ForgedTokens(ring);
    }

    // The access token itself

    @Test
    void loginIssuesAccessTokenWithAuthTimeOfTheLogin() throws Exception {
        long before = Instant.now().getEpochSecond();
        String access = login(newUser(Role.VIEWER)).get("access");
        JWTClaimsSet claims = ForgedTokens.claims(access);
        assertThat(claims.getLongClaim("auth_time"))
                .isBetween(before - 1, Instant.now().getEpochSecond())
                .isEqualTo(claims.getIssueTime().toInstant().getEpochSecond());
    }

    // Password reset

    @Test
    void passwordResetLinkWhenAuthTimeOldThenReauthenticationRequired() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account member = newUserInOrganization(admin.user().organizationId(), Role.VIEWER);
        String access = login(admin).get("access");
        String path = "/api/users/" + member.user().id() + "/password-reset/";
        assertThat(api.post(path, Map.of(), "Authorization", TestClient.bearer(stale(access))))
                .isReauthenticationRequired();
        assertThat(api.post(path, Map.of(), "Authorization", TestClient.bearer(access))
                        .status())
                .as("the fresh token of the same session")
                .isEqualTo(201);
    }

    // API keys

    @Test
    void createApiKeyWhenAuthTimeOldThenReauthenticationRequired() {
        String access = login(newUser(Role.EDITOR)).get("access");
        assertThat(createKey(stale(access))).isReauthenticationRequired();
        assertThat(api.get("/api/api-keys/", "Authorization", TestClient.bearer(access))
                        .json()
                        .path("count")
                        .asInt())
                .as("no key was made")
                .isZero();
        assertThat(createKey(access).status())
                .as("the fresh token of the same session")
                .isEqualTo(201);
    }

    @Test
    void createApiKeyWhenTokenHasNoAuthTimeThenReauthenticationRequired() {
        String access = login(newUser(Role.EDITOR)).get("access");
        JWTClaimsSet claims = new JWTClaimsSet.Builder(ForgedTokens.claims(access))
                .jwtID(UUID.randomUUID().toString())
                .claim("auth_time", null)
                .build();
        assertThat(claims.getClaim("auth_time")).isNull();
        assertThat(createKey(
                        forged.signedByServer(forged.header(TokenType.ACCESS).build(), claims)))
                .isReauthenticationRequired();
    }

    @Test
    void createApiKeyWhenAuthTimeWithinTheDefaultWindowThenCreated() {
        String access = login(newUser(Role.EDITOR)).get("access");
        assertThat(createKey(authenticatedSecondsAgo(access, 14 * 60)).status()).isEqualTo(201);
    }

    @Test
    void rotateApiKeyWhenAuthTimeOldThenReauthenticationRequired() {
        String access = login(newUser(Role.EDITOR)).get("access");
        long id = createKey(access).json().path("id").asLong();
        String rotate = "/api/api-keys/" + id + "/rotate/";
        assertThat(api.post(rotate, Map.of(), "Authorization", TestClient.bearer(stale(access))))
                .isReauthenticationRequired();
        assertThat(api.get("/api/api-keys/", "Authorization", TestClient.bearer(access))
                        .json()
                        .path("count")
                        .asInt())
                .as("no new key")
                .isEqualTo(1);
        assertThat(api.post(rotate, Map.of(), "Authorization", TestClient.bearer(access))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void revokeApiKeyWhenAuthTimeOldThenRevoked() {
        // Revoking takes power away: a stale session may still do it, so a user can stop a leaked key at once.
        String access = login(newUser(Role.EDITOR)).get("access");
        long id = createKey(access).json().path("id").asLong();
        assertThat(api.post(
                                "/api/api-keys/" + id + "/revoke/",
                                Map.of(),
                                "Authorization",
                                TestClient.bearer(stale(access)))
                        .status())
                .isEqualTo(200);
    }

    // Multi-factor authentication

    @Test
    void mfaSetupWhenAuthTimeOldThenReauthenticationRequired() {
        String access = login(newUser(Role.VIEWER)).get("access");
        assertThat(api.post("/api/auth/mfa/setup/", "", "Authorization", bearer(stale(access))))
                .isReauthenticationRequired();
        assertThat(api.get("/api/auth/mfa/", "Authorization", bearer(stale(access)))
                        .status())
                .as("reading the MFA status is not sensitive")
                .isEqualTo(200);
        assertThat(api.post("/api/auth/mfa/setup/", "", "Authorization", bearer(access))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void mfaConfirmWhenAuthTimeOldThenReauthenticationRequired() {
        // The attack of the issue: a stolen token turns MFA on with the attacker's authenticator.
        String access = login(newUser(Role.VIEWER)).get("access");
        TestClient.Response setup = api.post("/api/auth/mfa/setup/", "", "Authorization", bearer(access));
        TestAuthenticator app =
                new TestAuthenticator(setup.json().path("secret").asString());
        long step = TestAuthenticator.steadyStep();
        assertThat(api.post(
                        "/api/auth/mfa/confirm/",
                        Map.of("code", app.code(step)),
                        "Authorization",
                        bearer(stale(access))))
                .isReauthenticationRequired();
        assertThat(mfaEnabled(access)).isFalse();
        assertThat(api.post("/api/auth/mfa/confirm/", Map.of("code", app.code(step)), "Authorization", bearer(access))
                        .status())
                .isEqualTo(200);
        assertThat(mfaEnabled(access)).isTrue();
    }

    @Test
    void mfaDisableWhenAuthTimeOldThenReauthenticationRequired() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        long step = TestAuthenticator.steadyStep();
        String code = enrolled.authenticator().code(step);
        assertThat(api.post(
                        "/api/auth/mfa/disable/",
                        Map.of("code", code),
                        "Authorization",
                        bearer(stale(enrolled.access()))))
                .isReauthenticationRequired();
        assertThat(mfaEnabled(enrolled.access())).isTrue();
        assertThat(api.post("/api/auth/mfa/disable/", Map.of("code", code), "Authorization", enrolled.bearer())
                        .status())
                .as("the code was not spent by the refused request")
                .isEqualTo(200);
    }

    @Test
    void mfaRecoveryCodesWhenAuthTimeOldThenReauthenticationRequired() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        String code = enrolled.authenticator().code(TestAuthenticator.steadyStep());
        assertThat(api.post(
                        "/api/auth/mfa/recovery-codes/",
                        Map.of("code", code),
                        "Authorization",
                        bearer(stale(enrolled.access()))))
                .isReauthenticationRequired();
        // The old set still works: no new set was made.
        assertThat(enrolled.login(
                                api,
                                Map.of("recovery_code", enrolled.recoveryCodes().getFirst()))
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/auth/mfa/recovery-codes/", Map.of("code", code), "Authorization", enrolled.bearer())
                        .status())
                .isEqualTo(200);
    }

    // Users and the organization

    @Test
    void createUserWhenAuthTimeOldThenReauthenticationRequired() {
        Account admin = newUser(Role.ADMINISTRATOR);
        String access = login(admin).get("access");
        String email = "minted-" + UUID.randomUUID() + "@example.com";
        Map<String, String> user =
                Map.of("email", email, "password", "a long initial passphrase", "role", "administrator");
        assertThat(api.post("/api/users/", user, "Authorization", bearer(stale(access))))
                .isReauthenticationRequired();
        assertThat(api.get("/api/users/", "Authorization", bearer(access))
                        .json()
                        .path("count")
                        .asInt())
                .as("no user was made")
                .isEqualTo(1);
        assertThat(api.post("/api/users/", user, "Authorization", bearer(access))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void patchUserWhenAuthTimeOldThenReauthenticationRequired() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account member = newUserInOrganization(admin.user().organizationId(), Role.VIEWER);
        String access = login(admin).get("access");
        String path = "/api/users/" + member.user().id() + "/";
        assertThat(send("PATCH", path, "{\"role\": \"administrator\"}", stale(access)))
                .isReauthenticationRequired();
        assertThat(api.get(path, "Authorization", bearer(access))
                        .json()
                        .path("role")
                        .asString())
                .isEqualTo("viewer");
        assertThat(send("PATCH", path, "{\"role\": \"editor\"}", access).status())
                .isEqualTo(200);
    }

    @Test
    void deleteUserWhenAuthTimeOldThenReauthenticationRequired() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account member = newUserInOrganization(admin.user().organizationId(), Role.VIEWER);
        String access = login(admin).get("access");
        String path = "/api/users/" + member.user().id() + "/";
        assertThat(send("DELETE", path, null, stale(access))).isReauthenticationRequired();
        assertThat(api.get(path, "Authorization", bearer(access))
                        .json()
                        .path("active")
                        .asBoolean())
                .isTrue();
        assertThat(send("DELETE", path, null, access).status()).isEqualTo(204);
    }

    @Test
    void patchOrganizationWhenAuthTimeOldThenReauthenticationRequired() {
        Account admin = newUser(Role.ADMINISTRATOR);
        String access = login(admin).get("access");
        assertThat(send("PATCH", "/api/organization/", "{\"name\": \"Taken over\"}", stale(access)))
                .isReauthenticationRequired();
        assertThat(api.get("/api/organization/", "Authorization", bearer(access))
                        .json()
                        .path("name")
                        .asString())
                .isEqualTo("Org of " + admin.email());
        assertThat(send("PATCH", "/api/organization/", "{\"name\": \"Renamed\"}", access)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void sensitiveOperationByViewerWhenAuthTimeOldThenPermissionDeniedNotReauthentication() {
        // Someone who may not do it at all is told so, not asked for a password that would not help.
        Account admin = newUser(Role.ADMINISTRATOR);
        Account viewer = newUserInOrganization(admin.user().organizationId(), Role.VIEWER);
        TestClient.Response response = send(
                "PATCH",
                "/api/organization/",
                "{\"name\": \"Taken over\"}",
                stale(login(viewer).get("access")));
        assertThat(response).isError(403, "permission_denied");
    }

    @Test
    void passwordChangeWhenAuthTimeOldThenNotAskedToReauthenticate() {
        // POST /api/auth/password/ checks old_password: it is itself a re-authentication.
        Account account = newUser(Role.VIEWER);
        String access = login(account).get("access");
        TestClient.Response changed = api.post(
                "/api/auth/password/",
                Map.of(
                        "old_password",
                        account.password(),
                        "new_password",
                        "another long passphrase " + UUID.randomUUID()),
                "Authorization",
                bearer(stale(access)));
        assertThat(changed.status()).as(changed.text()).isEqualTo(204);
    }

    // Helpers

    private Map<String, String> login(Account account) {
        return api.login(account.email(), account.password());
    }

    /** The same session's token, signed by the server, whose password proof is 16 minutes old. */
    private String stale(String access) {
        return authenticatedSecondsAgo(access, SIXTEEN_MINUTES);
    }

    private String authenticatedSecondsAgo(String access, long seconds) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(ForgedTokens.claims(access))
                .jwtID(UUID.randomUUID().toString())
                .claim("auth_time", Instant.now().getEpochSecond() - seconds)
                .build();
        return forged.signedByServer(forged.header(TokenType.ACCESS).build(), claims);
    }

    private TestClient.Response createKey(String access) {
        return api.post(
                "/api/api-keys/", Map.of("name", "sudo test", "scope", "read_write"), "Authorization", bearer(access));
    }

    private boolean mfaEnabled(String access) {
        return api.get("/api/auth/mfa/", "Authorization", bearer(access))
                .json()
                .path("enabled")
                .asBoolean();
    }

    private TestClient.Response send(String method, String path, String json, String access) {
        return json == null
                ? api.send(method, path, HttpRequest.BodyPublishers.noBody(), "Authorization", bearer(access))
                : api.send(
                        method,
                        path,
                        HttpRequest.BodyPublishers.ofString(json),
                        "Authorization",
                        bearer(access),
                        "Content-Type",
                        "application/json");
    }

    private static String bearer(String access) {
        return TestClient.bearer(access);
    }
}
