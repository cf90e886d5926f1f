package com.claribi.mfa;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.platform.ClientInfo;
import com.claribi.support.MfaEnrolment;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestAuthenticator;
import com.claribi.support.TestClient;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** {@code /api/auth/mfa/}: enrolment with a QR code, confirmation, recovery codes, turning MFA off, and the audit. */
@ExtendWith(OutputCaptureExtension.class)
class MfaEnrolmentIntegrationTests extends ServerIntegrationTest {

    @Autowired
    private MfaManagement mfa;

    private static final String MFA = "/api/auth/mfa/";

    /** As a user would: scan the QR code, type the app's code, then sign in with password and code. */
    @Test
    void enrolWithCodeFromSecretThenLoginWithMfaAndQrCodeShowsTheUri() throws Exception {
        Account account = newUser(Role.EDITOR);
        String bearer = api.as(account);
        assertThat(api.get(MFA, "Authorization", bearer).json())
                .isEqualTo(TestClient.JSON.readTree("{\"enabled\": false, \"recovery_codes_remaining\": 0}"));

        TestClient.Response setup = api.post(MFA + "setup/", "", "Authorization", bearer);
        assertThat(setup.status()).isEqualTo(200);
        assertThat(setup.header("Cache-Control")).contains("no-store");
        String secret = setup.json().path("secret").asString();
        assertThat(secret).matches("[A-Z2-7]{32}");
        String uri = setup.json().path("otpauth_uri").asString();
        assertThat(uri)
                .isEqualTo("otpauth://totp/clariBI:" + account.email() + "?secret=" + secret + "&issuer=clariBI");
        String qrCode = setup.json().path("qr_code").asString();
        assertThat(qrCode).startsWith("data:image/png;base64,");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(qrCode.substring("data:image/png;base64,".length()))));
        assertThat(QrCodeUnitTests.decode(image)).isEqualTo(uri);
        // Not on until confirmed.
        assertThat(api.get(MFA, "Authorization", bearer).json().path("enabled").asBoolean())
                .isFalse();
        assertThat(api.login(account.email(), account.password())).containsKey("access");

        TestAuthenticator app = new TestAuthenticator(secret);
        long step = TestAuthenticator.steadyStep();
        TestClient.Response confirm =
                api.post(MFA + "confirm/", Map.of("code", app.code(step)), "Authorization", bearer);
        assertThat(confirm.status()).as(confirm.text()).isEqualTo(200);
        assertThat(confirm.header("Cache-Control")).contains("no-store");
        assertThat(confirm.json().path("enabled").asBoolean()).isTrue();
        List<String> recoveryCodes = strings(confirm.json().path("recovery_codes"));
        assertThat(recoveryCodes).hasSize(10).doesNotHaveDuplicates();
        assertThat(api.get(MFA, "Authorization", bearer).json())
                .isEqualTo(TestClient.JSON.readTree("{\"enabled\": true, \"recovery_codes_remaining\": 10}"));

        TestClient.Response withoutCode =
                api.post("/api/auth/login/", Map.of("email", account.email(), "password", account.password()));
        assertThat(withoutCode).isError(401, "mfa_required");
        // The confirmation spent this step's code: sign in with the app's next one.
        TestClient.Response login = api.post(
                "/api/auth/login/",
                Map.of("email", account.email(), "password", account.password(), "totp_code", app.code(step + 1)));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        TestClient.Response status = api.get(
                "/api/auth/status/",
                "Authorization",
                TestClient.bearer(login.json().path("access").asString()));
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().path("user").path("email").asString()).isEqualTo(account.email());
    }

    @Test
    void confirmWhenCodeWrongThenMfaStaysOff() {
        Account account = newUser(Role.VIEWER);
        String bearer = api.as(account);
        TestAuthenticator app = new TestAuthenticator(api.post(MFA + "setup/", "", "Authorization", bearer)
                .json()
                .path("secret")
                .asString());
        long step = TestAuthenticator.steadyStep();
        String right = app.code(step);
        for (String wrong : List.of(String.format("%06d", (Integer.parseInt(right) + 1) % 1_000_000), "12345", "")) {
            TestClient.Response confirm = api.post(MFA + "confirm/", Map.of("code", wrong), "Authorization", bearer);
            assertThat(confirm.status()).as(wrong).isEqualTo(400);
            assertThat(confirm.error()).isIn("invalid_mfa_code", "validation_error");
        }
        assertThat(api.get(MFA, "Authorization", bearer).json().path("enabled").asBoolean())
                .isFalse();
        assertThat(api.login(account.email(), account.password())).containsKey("access");
        assertThat(api.post(MFA + "confirm/", Map.of("code", right), "Authorization", bearer)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void confirmWhenCodeFromPreviousStepThenAccepted() {
        Account account = newUser(Role.VIEWER);
        String bearer = api.as(account);
        TestAuthenticator app = new TestAuthenticator(api.post(MFA + "setup/", "", "Authorization", bearer)
                .json()
                .path("secret")
                .asString());
        long step = TestAuthenticator.steadyStep();
        assertThat(api.post(MFA + "confirm/", Map.of("code", app.code(step - 2)), "Authorization", bearer)
                        .status())
                .isEqualTo(400);
        assertThat(api.post(MFA + "confirm/", Map.of("code", app.code(step - 1)), "Authorization", bearer)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void confirmWithoutSetupThenConflict() {
        Account account = newUser(Role.VIEWER);
        String bearer = api.as(account);
        TestClient.Response confirm = api.post(MFA + "confirm/", Map.of("code", "123456"), "Authorization", bearer);
        assertThat(confirm).isError(409, "conflict");
    }

    @Test
    void setupAgainReplacesTheUnconfirmedSecret() {
        Account account = newUser(Role.VIEWER);
        String bearer = api.as(account);
        TestAuthenticator first = new TestAuthenticator(api.post(MFA + "setup/", "", "Authorization", bearer)
                .json()
                .path("secret")
                .asString());
        String secondSecret = api.post(MFA + "setup/", "", "Authorization", bearer)
                .json()
                .path("secret")
                .asString();
        TestAuthenticator second = new TestAuthenticator(secondSecret);
        long step = TestAuthenticator.steadyStep();
        assertThat(api.post(MFA + "confirm/", Map.of("code", first.code(step)), "Authorization", bearer)
                        .status())
                .isEqualTo(400);
        assertThat(api.post(MFA + "confirm/", Map.of("code", second.code(step)), "Authorization", bearer)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void setupWhenMfaAlreadyOnThenConflictAndSecretKept() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        TestClient.Response again = api.post(MFA + "setup/", "", "Authorization", enrolled.bearer());
        assertThat(again).isError(409, "conflict");
        assertThat(again.text()).doesNotContain("secret\"");
        TestClient.Response confirm =
                api.post(MFA + "confirm/", Map.of("code", "123456"), "Authorization", enrolled.bearer());
        assertThat(confirm.status()).isEqualTo(409);
        long step = TestAuthenticator.steadyStep();
        assertThat(enrolled.loginWithTotp(api, enrolled.authenticator().code(step))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void statusShowsRecoveryCodesRemainingDecreasing() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        assertThat(remaining(enrolled)).isEqualTo(10);
        assertThat(enrolled.loginWithRecoveryCode(api, enrolled.recoveryCodes().get(0))
                        .status())
                .isEqualTo(200);
        assertThat(remaining(enrolled)).isEqualTo(9);
        assertThat(enrolled.loginWithRecoveryCode(api, enrolled.recoveryCodes().get(9))
                        .status())
                .isEqualTo(200);
        assertThat(remaining(enrolled)).isEqualTo(8);
        // A refused code spends nothing.
        assertThat(enrolled.loginWithRecoveryCode(api, enrolled.recoveryCodes().get(0))
                        .status())
                .isEqualTo(401);
        assertThat(remaining(enrolled)).isEqualTo(8);
    }

    @Test
    void regeneratedRecoveryCodesInvalidateTheOldSet() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        assertThat(enrolled.loginWithRecoveryCode(api, enrolled.recoveryCodes().get(0))
                        .status())
                .isEqualTo(200);
        long step = TestAuthenticator.steadyStep();
        TestClient.Response regenerated = api.post(
                MFA + "recovery-codes/",
                Map.of("code", enrolled.authenticator().code(step)),
                "Authorization",
                enrolled.bearer());
        assertThat(regenerated.status()).as(regenerated.text()).isEqualTo(200);
        assertThat(regenerated.header("Cache-Control")).contains("no-store");
        List<String> fresh = strings(regenerated.json().path("recovery_codes"));
        assertThat(fresh).hasSize(10).doesNotHaveDuplicates().doesNotContainAnyElementsOf(enrolled.recoveryCodes());
        assertThat(remaining(enrolled)).isEqualTo(10);

        TestClient.Response old =
                enrolled.loginWithRecoveryCode(api, enrolled.recoveryCodes().get(1));
        assertThat(old).isError(401, "invalid_mfa_code");
        assertThat(enrolled.loginWithRecoveryCode(api, fresh.get(0)).status()).isEqualTo(200);
    }

    @Test
    void regenerateRecoveryCodesWhenCodeWrongThenOldSetKept() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        TestClient.Response refused =
                api.post(MFA + "recovery-codes/", Map.of("code", "000000"), "Authorization", enrolled.bearer());
        assertThat(refused).isError(400, "invalid_mfa_code");
        assertThat(refused.text()).doesNotContain("recovery_codes");
        assertThat(enrolled.loginWithRecoveryCode(api, enrolled.recoveryCodes().get(0))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void disableWithCodeTurnsMfaOffAndEndsOtherSessions() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        long step = TestAuthenticator.steadyStep();
        TestClient.Response other =
                enrolled.loginWithTotp(api, enrolled.authenticator().code(step));
        assertThat(other.status()).isEqualTo(200);
        String otherAccess = other.json().path("access").asString();
        String otherRefresh = other.json().path("refresh").asString();

        TestClient.Response disabled = api.post(
                MFA + "disable/",
                Map.of("code", enrolled.authenticator().code(step + 1)),
                "Authorization",
                enrolled.bearer());
        assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
        assertThat(disabled.json()).isEqualTo(TestClient.JSON.readTree("{\"enabled\": false}"));

        assertThat(api.get(MFA, "Authorization", enrolled.bearer()).json())
                .isEqualTo(TestClient.JSON.readTree("{\"enabled\": false, \"recovery_codes_remaining\": 0}"));
        assertThat(api.get("/api/auth/status/", "Authorization", TestClient.bearer(otherAccess))
                        .status())
                .isEqualTo(401);
        assertThat(api.post("/api/auth/token/refresh/", Map.of("refresh", otherRefresh))
                        .status())
                .isEqualTo(401);
        assertThat(api.post("/api/auth/token/refresh/", Map.of("refresh", enrolled.refresh()))
                        .status())
                .isEqualTo(200);
        assertThat(enrolled.login(api, Map.of()).status()).isEqualTo(200);
        // The recovery codes went with it.
        assertThat(api.post(MFA + "setup/", "", "Authorization", enrolled.bearer())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void disableWithRecoveryCodeTurnsMfaOff() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        TestClient.Response disabled = api.post(
                MFA + "disable/", Map.of("code", enrolled.recoveryCodes().get(2)), "Authorization", enrolled.bearer());
        assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
        assertThat(enrolled.login(api, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void disableWhenCodeWrongThenMfaStaysOn() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        for (String wrong : List.of("000000", "aaaa-bbbb-cccc-dddd")) {
            TestClient.Response refused =
                    api.post(MFA + "disable/", Map.of("code", wrong), "Authorization", enrolled.bearer());
            assertThat(refused).isError(400, "invalid_mfa_code");
        }
        assertThat(api.post(MFA + "disable/", Map.of(), "Authorization", enrolled.bearer())
                        .error())
                .isEqualTo("validation_error");
        assertThat(api.get(MFA, "Authorization", enrolled.bearer())
                        .json()
                        .path("enabled")
                        .asBoolean())
                .isTrue();
        assertThat(enrolled.login(api, Map.of()).error()).isEqualTo("mfa_required");
    }

    @Test
    void disableWhenMfaOffThenConflict() {
        Account account = newUser(Role.VIEWER);
        String bearer = api.as(account);
        TestClient.Response response = api.post(MFA + "disable/", Map.of("code", "123456"), "Authorization", bearer);
        assertThat(response).isError(409, "conflict");
    }

    /** The failed-login budget (5 per account and address) also bounds guessing through a stolen session. */
    @Test
    void disableWhenWrongCodesRepeatedThenRateLimited() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        for (int i = 0; i < 5; i++) {
            assertThat(api.post(MFA + "disable/", Map.of("code", "00000" + i), "Authorization", enrolled.bearer())
                            .status())
                    .isEqualTo(400);
        }
        TestClient.Response throttled = api.post(
                MFA + "disable/",
                Map.of("code", enrolled.authenticator().code(TestAuthenticator.steadyStep())),
                "Authorization",
                enrolled.bearer());
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotBlank();
        assertThat(api.get(MFA, "Authorization", enrolled.bearer())
                        .json()
                        .path("enabled")
                        .asBoolean())
                .isTrue();
    }

    /** MFA settings are managed from a signed-in session only: a key, even read-write, gets 403 on each endpoint. */
    @Test
    void mfaEndpointsWithApiKeyThenPermissionDenied() {
        Account account = newUser(Role.ADMINISTRATOR);
        String bearer = api.as(account);
        for (String scope : List.of("read_write", "read_only")) {
            String key = apiKey(bearer, scope);
            assertThat(api.get("/api/auth/status/", "X-API-Key", key).status())
                    .as("the key itself works")
                    .isEqualTo(200);
            TestClient.Response status = api.get(MFA, "X-API-Key", key);
            assertThat(status).as(scope).isError(403, "permission_denied");
            for (String path : List.of("setup/", "confirm/", "disable/", "recovery-codes/")) {
                TestClient.Response response = api.post(MFA + path, Map.of("code", "123456"), "X-API-Key", key);
                assertThat(response).as(scope + " " + path).isError(403, "permission_denied");
                assertThat(response.text()).doesNotContain("secret", "otpauth");
            }
        }
        assertThat(api.get(MFA, "Authorization", bearer).json().path("enabled").asBoolean())
                .isFalse();
    }

    /** Keys are created from a session, which MFA already guarded: turning MFA on does not stop them. */
    @Test
    void apiKeysKeepWorkingWhenMfaTurnedOn() {
        Account account = newUser(Role.EDITOR);
        String before = apiKey(api.as(account), "read_only");
        MfaEnrolment enrolled = MfaEnrolment.of(api, account);
        String after = apiKey(enrolled.bearer(), "read_write");
        for (String key : List.of(before, after)) {
            TestClient.Response status = api.get("/api/auth/status/", "X-API-Key", key);
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.json().path("user").path("email").asString()).isEqualTo(account.email());
        }
        assertThat(enrolled.login(api, Map.of()).error()).isEqualTo("mfa_required");
    }

    /** The operator's reset ({@code bin/claribi user reset-mfa}, tested as a process in the cli package). */
    @Test
    void resetTurnsMfaOffOrSaysItWasNotOn() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.ADMINISTRATOR));
        assertThat(mfa.reset(enrolled.email(), ClientInfo.COMMAND_LINE)).isTrue();
        assertThat(mfa.reset(enrolled.email(), ClientInfo.COMMAND_LINE)).isFalse();
        assertThat(enrolled.login(api, Map.of()).status()).isEqualTo(200);
        assertThat(api.get(MFA, "Authorization", enrolled.bearer()).json())
                .isEqualTo(TestClient.JSON.readTree("{\"enabled\": false, \"recovery_codes_remaining\": 0}"));
        JsonNode events = api.get("/api/audit-events/?type=mfa_reset", "Authorization", enrolled.bearer())
                .json()
                .path("results");
        assertThat(events.findValuesAsString("detail"))
                .containsExactly("turned off by an operator", "reset by an operator; MFA was not on");
    }

    @Test
    void mfaEndpointsWithoutTokenThenNotAuthenticated() {
        for (String path : List.of("setup/", "confirm/", "disable/", "recovery-codes/")) {
            TestClient.Response response = api.post(MFA + path, Map.of("code", "123456"));
            assertThat(response).as(path).isError(401, "not_authenticated");
        }
        assertThat(api.get(MFA).status()).isEqualTo(401);
        assertThat(api.get("/api/auth/mfa").status()).isEqualTo(401);
    }

    @Test
    void mfaEndpointsServedWithoutTrailingSlash() {
        Account account = newUser(Role.VIEWER);
        String bearer = api.as(account);
        assertThat(api.get("/api/auth/mfa", "Authorization", bearer).status()).isEqualTo(200);
        assertThat(api.post("/api/auth/mfa/setup", "", "Authorization", bearer).status())
                .isEqualTo(200);
    }

    @Test
    void auditRecordsMfaChangesWithoutSecretsOrCodes(CapturedOutput output) {
        Account admin = newUser(Role.ADMINISTRATOR);
        MfaEnrolment enrolled = MfaEnrolment.of(api, admin);
        long step = TestAuthenticator.steadyStep();
        enrolled.loginWithTotp(api, "000000");
        enrolled.loginWithRecoveryCode(api, enrolled.recoveryCodes().get(0));
        List<String> fresh = strings(api.post(
                        MFA + "recovery-codes/",
                        Map.of("code", enrolled.authenticator().code(step)),
                        "Authorization",
                        enrolled.bearer())
                .json()
                .path("recovery_codes"));
        api.post(
                MFA + "disable/",
                Map.of("code", enrolled.authenticator().code(step + 1)),
                "Authorization",
                enrolled.bearer(),
                "User-Agent",
                "mfa-test/1.0");

        TestClient.Response page = api.get("/api/audit-events/?page_size=100", "Authorization", enrolled.bearer());
        assertThat(page.status()).isEqualTo(200);
        JsonNode events = page.json().path("results");
        assertThat(events.findValuesAsString("type"))
                .containsSubsequence(
                        "mfa_enabled",
                        "mfa_code_failed",
                        "recovery_code_used",
                        "recovery_codes_regenerated",
                        "mfa_disabled")
                .contains("sessions_revoked");
        JsonNode disabled = find(events, "mfa_disabled");
        assertThat(disabled.path("user_agent").asString()).isEqualTo("mfa-test/1.0");
        assertThat(disabled.path("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(find(events, "recovery_code_used").toString()).contains("9 unused");
        assertThat(find(events, "mfa_code_failed").toString()).contains("login");

        List<String> secrets = new java.util.ArrayList<>(enrolled.recoveryCodes());
        secrets.addAll(fresh);
        secrets.add(enrolled.secret());
        for (String secret : secrets) {
            assertThat(page.text()).doesNotContain(secret);
            assertThat(output.getAll()).doesNotContain(secret);
        }
    }

    private String apiKey(String bearer, String scope) {
        TestClient.Response created =
                api.post("/api/api-keys/", Map.of("name", "script", "scope", scope), "Authorization", bearer);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("key").asString();
    }

    private int remaining(MfaEnrolment enrolled) {
        TestClient.Response status = api.get(MFA, "Authorization", enrolled.bearer());
        assertThat(status.status()).isEqualTo(200);
        return status.json().path("recovery_codes_remaining").asInt();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static JsonNode find(JsonNode events, String type) {
        for (JsonNode event : events) {
            if (event.path("type").asString().equals(type)) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " event in " + events);
    }
}
