package com.claribi.token;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.MfaEnrolment;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestAuthenticator;
import com.claribi.support.TestClient;
import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/auth/reauthenticate/} and the {@code auth_time} of refreshed tokens: a refresh keeps the session's
 * last password proof, a re-authentication renews it for the token it returns and for the session's later refreshes;
 * every way a re-authentication is refused, and its failures spend the login budget.
 */
class ReauthenticationIntegrationTests extends ServerIntegrationTest {

    private static final String REAUTHENTICATE = "/api/auth/reauthenticate/";
    private static final String REFRESH = "/api/auth/token/refresh/";

    @Autowired
    private SigningKeyRing ring;

    private ForgedTokens forged;

    @BeforeEach
    void forger() {
        forged = new ForgedTokens(ring);
    }

    // auth_time across refreshes

    @Test
    void refreshKeepsAuthTimeOfTheLogin() throws Exception {
        Map<String, String> tokens = login(newUser(Role.VIEWER));
        long loggedIn = authTime(tokens.get("access"));
        pause(1100);
        String refreshed = refresh(tokens.get("refresh"));
        assertThat(issuedAt(refreshed)).isGreaterThan(loggedIn);
        assertThat(authTime(refreshed)).isEqualTo(loggedIn);
    }

    @Test
    void refreshAfterReauthenticationCarriesTheFreshAuthTime() throws Exception {
        Account account = newUser(Role.VIEWER);
        Map<String, String> tokens = login(account);
        long loggedIn = authTime(tokens.get("access"));
        pause(1100);
        TestClient.Response reauthenticated =
                reauthenticate(tokens.get("access"), Map.of("password", account.password()));
        assertThat(reauthenticated.status()).as(reauthenticated.text()).isEqualTo(200);
        long proved = authTime(reauthenticated.json().path("access").asString());
        assertThat(proved).isGreaterThan(loggedIn);
        pause(1100);
        String refreshed = refresh(tokens.get("refresh"));
        assertThat(authTime(refreshed)).isEqualTo(proved);
    }

    @Test
    void refreshAfterPasswordChangeKeepsTheAuthTimeOfTheLogin() throws Exception {
        // POST /api/auth/password/ checks old_password but never the second factor: no proof for sudo mode.
        Account account = newUser(Role.VIEWER);
        Map<String, String> tokens = login(account);
        long loggedIn = authTime(tokens.get("access"));
        pause(1100);
        TestClient.Response changed = api.post(
                "/api/auth/password/",
                Map.of(
                        "old_password",
                        account.password(),
                        "new_password",
                        "another long passphrase " + UUID.randomUUID()),
                "Authorization",
                TestClient.bearer(tokens.get("access")));
        assertThat(changed.status()).as(changed.text()).isEqualTo(204);
        assertThat(authTime(refresh(tokens.get("refresh")))).isEqualTo(loggedIn);
    }

    // Re-authentication admitted

    @Test
    void reauthenticateWhenPasswordRightThenFreshTokenOfTheSameSessionUsableOnSensitiveEndpoint() throws Exception {
        Account account = newUser(Role.ADMINISTRATOR);
        Map<String, String> tokens = login(account);
        String stale = stale(tokens.get("access"));
        assertThat(createKey(stale)).isReauthenticationRequired();

        long before = Instant.now().getEpochSecond();
        TestClient.Response response = reauthenticate(stale, Map.of("password", account.password()));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(response.json().has("refresh")).isFalse();
        String fresh = response.json().path("access").asString();
        JWTClaimsSet claims = ForgedTokens.claims(fresh);
        assertThat(claims.getLongClaim("auth_time"))
                .isBetween(before, Instant.now().getEpochSecond());
        assertThat(claims.getStringClaim("sid"))
                .isEqualTo(ForgedTokens.claims(tokens.get("access")).getStringClaim("sid"));
        assertThat(createKey(fresh).status()).isEqualTo(201);
        assertThat(auditTypes(account)).contains("reauthenticated");
    }

    @Test
    void reauthenticateWhenMfaOnWithTotpCodeThenFreshToken() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        String code = enrolled.authenticator().code(TestAuthenticator.steadyStep());
        TestClient.Response response =
                reauthenticate(stale(enrolled.access()), Map.of("password", enrolled.password(), "totp_code", code));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(createKey(response.json().path("access").asString()).status())
                .isEqualTo(201);
    }

    @Test
    void reauthenticateWhenMfaOnWithRecoveryCodeThenFreshTokenAndCodeSpent() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        String recovery = enrolled.recoveryCodes().getFirst();
        Map<String, String> proof = Map.of("password", enrolled.password(), "recovery_code", recovery);
        assertThat(reauthenticate(stale(enrolled.access()), proof).status()).isEqualTo(200);
        TestClient.Response again = reauthenticate(stale(enrolled.access()), proof);
        assertThat(again).isError(400, "invalid_mfa_code");
    }

    // Re-authentication refused

    @Test
    void reauthenticateWhenPasswordWrongThenInvalidCredentialsAndAudited() {
        Account account = newUser(Role.ADMINISTRATOR);
        String access = login(account).get("access");
        TestClient.Response response = reauthenticate(access, Map.of("password", "not the password"));
        assertThat(response).isError(400, "invalid_credentials");
        assertThat(response.text()).doesNotContain("access");
        JsonNode events = api.get("/api/audit-events/?page_size=100", "Authorization", TestClient.bearer(access))
                .json();
        JsonNode failed = null;
        for (JsonNode event : events.path("results")) {
            if (event.path("type").asString().equals("reauthentication_failed")) {
                failed = event;
            }
        }
        assertThat(failed).as(events.toString()).isNotNull();
        assertThat(failed.toString()).contains("invalid_credentials").doesNotContain("not the password");
    }

    @Test
    void reauthenticateWhenPasswordMissingThenValidationError() {
        String access = login(newUser(Role.VIEWER)).get("access");
        TestClient.Response response = reauthenticate(access, Map.of());
        assertThat(response).isError(400, "validation_error");
        assertThat(response.json().path("fields").path("password").isArray()).isTrue();
        TestClient.Response notJson =
                api.post(REAUTHENTICATE, "{\"password\": ", "Authorization", TestClient.bearer(access));
        assertThat(notJson.status()).as(notJson.text()).isEqualTo(400);
    }

    @Test
    void reauthenticateWhenMfaOnWithoutCodeThenMfaRequired() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        TestClient.Response response = reauthenticate(enrolled.access(), Map.of("password", enrolled.password()));
        assertThat(response).isError(400, "mfa_required");
    }

    @Test
    void reauthenticateWhenMfaCodeWrongThenInvalidMfaCode() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        String right = enrolled.authenticator().code(TestAuthenticator.steadyStep());
        String wrong = String.format("%06d", (Integer.parseInt(right) + 1) % 1_000_000);
        TestClient.Response response =
                reauthenticate(enrolled.access(), Map.of("password", enrolled.password(), "totp_code", wrong));
        assertThat(response).isError(400, "invalid_mfa_code");
    }

    @Test
    void reauthenticateWithApiKeyThenPermissionDenied() {
        Account account = newUser(Role.EDITOR);
        TestClient.Response created = api.post(
                "/api/api-keys/",
                Map.of("name", "read-write", "scope", "read_write"),
                "Authorization",
                TestClient.bearer(login(account).get("access")));
        String key = created.json().path("key").asString();
        TestClient.Response response =
                api.post(REAUTHENTICATE, Map.of("password", account.password()), "X-API-Key", key);
        assertThat(response).isError(403, "permission_denied");
    }

    @Test
    void reauthenticateWithRefreshTokenAsBearerThenUnauthorized() {
        Account account = newUser(Role.VIEWER);
        TestClient.Response response =
                reauthenticate(login(account).get("refresh"), Map.of("password", account.password()));
        assertThat(response).isError(401, "invalid_token");
    }

    @Test
    void reauthenticateWhenSessionRevokedThenUnauthorized() {
        Account account = newUser(Role.VIEWER);
        Map<String, String> tokens = login(account);
        assertThat(api.post("/api/auth/logout/", Map.of("refresh", tokens.get("refresh")))
                        .status())
                .isEqualTo(204);
        TestClient.Response response = reauthenticate(tokens.get("access"), Map.of("password", account.password()));
        assertThat(response).isError(401, "invalid_token");
    }

    @Test
    void reauthenticateWithoutCredentialsThenNotAuthenticated() {
        TestClient.Response response = api.post(REAUTHENTICATE, Map.of("password", "anything"));
        assertThat(response).isError(401, "not_authenticated");
    }

    @Test
    void reauthenticateFailuresSpendTheLoginBudgetOfAccountAndAddress() {
        // The per-account-and-address budget is 5 failures per 5 minutes, shared with the login.
        Account account = newUser(Role.VIEWER);
        String access = login(account).get("access");
        for (int i = 0; i < 5; i++) {
            TestClient.Response wrong = reauthenticate(access, Map.of("password", "wrong " + i));
            assertThat(wrong.status()).as(wrong.text()).isEqualTo(400);
        }
        TestClient.Response throttled = reauthenticate(access, Map.of("password", account.password()));
        assertThat(throttled).isError(429, "rate_limited");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isPositive();
        TestClient.Response login =
                api.post("/api/auth/login/", Map.of("email", account.email(), "password", account.password()));
        assertThat(login.status())
                .as("the login shares the budget: " + login.text())
                .isEqualTo(429);
    }

    @Test
    void reauthenticateAfterFailedLoginsFromTheSameAddressThenThrottled() {
        Account account = newUser(Role.VIEWER);
        String access = login(account).get("access");
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/auth/login/", Map.of("email", account.email(), "password", "wrong " + i))
                            .status())
                    .isEqualTo(401);
        }
        TestClient.Response throttled = reauthenticate(access, Map.of("password", account.password()));
        assertThat(throttled.status()).as(throttled.text()).isEqualTo(429);
    }

    // Helpers

    private Map<String, String> login(Account account) {
        return api.login(account.email(), account.password());
    }

    private TestClient.Response reauthenticate(String bearer, Map<String, String> body) {
        return api.post(REAUTHENTICATE, body, "Authorization", TestClient.bearer(bearer));
    }

    private String refresh(String refreshToken) {
        TestClient.Response response = api.post(REFRESH, Map.of("refresh", refreshToken));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json().path("access").asString();
    }

    private TestClient.Response createKey(String access) {
        return api.post(
                "/api/api-keys/",
                Map.of("name", "reauthentication test", "scope", "read_only"),
                "Authorization",
                TestClient.bearer(access));
    }

    private List<String> auditTypes(Account admin) {
        return api.get(
                        "/api/audit-events/?page_size=100",
                        "Authorization",
                        TestClient.bearer(login(admin).get("access")))
                .json()
                .path("results")
                .findValuesAsString("type");
    }

    /** The same session's token, signed by the server, whose password proof is 16 minutes old. */
    private String stale(String access) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(ForgedTokens.claims(access))
                .jwtID(UUID.randomUUID().toString())
                .claim("auth_time", Instant.now().getEpochSecond() - 16 * 60)
                .build();
        return forged.signedByServer(forged.header(TokenType.ACCESS).build(), claims);
    }

    static long authTime(String access) throws ParseException {
        return ForgedTokens.claims(access).getLongClaim("auth_time");
    }

    private static long issuedAt(String access) {
        return ForgedTokens.claims(access).getIssueTime().toInstant().getEpochSecond();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
