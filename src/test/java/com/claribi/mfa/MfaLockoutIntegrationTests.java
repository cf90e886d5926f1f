package com.claribi.mfa;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.platform.ClientInfo;
import com.claribi.support.MfaEnrolment;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestAuthenticator;
import com.claribi.support.TestClient;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * 100 consecutive wrong authenticator codes lock the authenticator (API.md; NIST SP 800-63B 5.2.2) until a recovery
 * code is used or an operator resets MFA. The failed-attempt budgets are raised here so that they do not refuse first.
 */
@TestPropertySource(
        properties = {
            "claribi.login-throttle.per-account-and-address=100000",
            "claribi.login-throttle.per-account=100000",
        })
class MfaLockoutIntegrationTests extends ServerIntegrationTest {

    private static final int LOCK_AFTER = 100;

    @Autowired
    MfaManagement mfa;

    @Test
    void loginWhenHundredWrongCodesThenCorrectCodeRefusedMfaLocked() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.ADMINISTRATOR));
        wrongCodesInSession(enrolled, LOCK_AFTER - 1);
        // The 100th, on the login: the count is the account's, whichever endpoint the codes came to.
        assertThat(enrolled.loginWithTotp(api, wrongCode(enrolled)).error()).isEqualTo("invalid_mfa_code");

        TestClient.Response login = enrolled.loginWithTotp(api, currentCode(enrolled));
        assertThat(login).isError(401, "mfa_locked");
        TestClient.Response inSession = api.post(
                "/api/auth/mfa/disable/", Map.of("code", currentCode(enrolled)), "Authorization", enrolled.bearer());
        assertThat(inSession).isError(400, "mfa_locked");
        assertThat(api.get("/api/auth/mfa/", "Authorization", enrolled.bearer())
                        .json()
                        .path("enabled")
                        .asBoolean())
                .isTrue();

        JsonNode locked = events(enrolled.bearer(), "mfa_locked");
        assertThat(locked).hasSize(1);
        assertThat(locked.get(0).path("detail").asString()).startsWith("100 consecutive wrong authenticator codes");
    }

    @Test
    void loginWhenLockedThenRecoveryCodeSignsInAndUnlocks() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.ADMINISTRATOR));
        wrongCodesInSession(enrolled, LOCK_AFTER);
        assertThat(enrolled.loginWithTotp(api, currentCode(enrolled)).error()).isEqualTo("mfa_locked");

        TestClient.Response recovered =
                enrolled.loginWithRecoveryCode(api, enrolled.recoveryCodes().get(0));
        assertThat(recovered.status()).as(recovered.text()).isEqualTo(200);
        TestClient.Response withCode = enrolled.loginWithTotp(api, currentCode(enrolled));
        assertThat(withCode.status()).as(withCode.text()).isEqualTo(200);

        JsonNode unlocked = events(enrolled.bearer(), "mfa_unlocked");
        assertThat(unlocked).hasSize(1);
        assertThat(unlocked.get(0).path("detail").asString()).isEqualTo("unlocked by a recovery code");
    }

    /** What {@code bin/claribi user reset-mfa --email E} runs ({@code cli/ResetMfaCommandIntegrationTests}). */
    @Test
    void resetMfaWhenLockedThenUnlockedAndAudited() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.ADMINISTRATOR));
        wrongCodesInSession(enrolled, LOCK_AFTER);
        assertThat(enrolled.loginWithTotp(api, currentCode(enrolled)).error()).isEqualTo("mfa_locked");

        assertThat(mfa.reset(enrolled.email(), ClientInfo.COMMAND_LINE)).isTrue();

        TestClient.Response login = enrolled.login(api, Map.of());
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        JsonNode unlocked = events(TestClient.bearer(login.json().path("access").asString()), "mfa_unlocked");
        assertThat(unlocked).hasSize(1);
        assertThat(unlocked.get(0).path("detail").asString()).isEqualTo("unlocked by an operator's reset");
    }

    @Test
    void wrongCodesWhenCorrectCodeBetweenThenCountStartsAgain() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        wrongCodesInSession(enrolled, LOCK_AFTER - 1);
        long step = TestAuthenticator.currentStep();
        TestClient.Response correct = api.post(
                "/api/auth/mfa/recovery-codes/",
                Map.of("code", enrolled.authenticator().code(step)),
                "Authorization",
                enrolled.bearer());
        assertThat(correct.status()).as(correct.text()).isEqualTo(200);
        wrongCodesInSession(enrolled, LOCK_AFTER - 1);

        TestClient.Response login =
                enrolled.loginWithTotp(api, enrolled.authenticator().code(step + 1));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
    }

    private void wrongCodesInSession(MfaEnrolment enrolled, int count) {
        for (int i = 0; i < count; i++) {
            TestClient.Response refused = api.post(
                    "/api/auth/mfa/disable/", Map.of("code", wrongCode(enrolled)), "Authorization", enrolled.bearer());
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        }
    }

    private JsonNode events(String bearer, String type) {
        return api.get("/api/audit-events/?type=" + type, "Authorization", bearer)
                .json()
                .path("results");
    }

    /** The code of the step the server is in now (the step before was spent by the enrolment's confirmation). */
    private static String currentCode(MfaEnrolment enrolled) {
        return enrolled.authenticator().code(TestAuthenticator.steadyStep());
    }

    /** Six digits that are the code of no step the server could accept around now. */
    private static String wrongCode(MfaEnrolment enrolled) {
        long step = TestAuthenticator.currentStep();
        Set<String> near = new HashSet<>();
        for (long s = step - 3; s <= step + 3; s++) {
            near.add(enrolled.authenticator().code(s));
        }
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            if (!near.contains(code)) {
                return code;
            }
        }
    }
}
