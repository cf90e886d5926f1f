package com.claribi.mfa;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.MfaEnrolment;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestAuthenticator;
import com.claribi.support.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Logging in to an account with MFA on: every way a code is refused (missing, wrong, replayed, too old, a spent
 * recovery code) and the ways it is accepted (the steps around the current one, an unused recovery code).
 */
class MfaLoginIntegrationTests extends ServerIntegrationTest {

    @Test
    void loginWhenMfaOnAndNoCodeThenMfaRequired() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        TestClient.Response response = enrolled.login(api, Map.of());
        assertThat(response).isError(401, "mfa_required");
        assertThat(response.json().has("access")).isFalse();
        assertThat(enrolled.login(api, Map.of("totp_code", "", "recovery_code", " ")))
                .isError(401, "mfa_required");
    }

    @Test
    void loginWhenMfaOnAndPasswordWrongThenInvalidCredentialsNotMfaRequired() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        TestClient.Response response =
                api.post("/api/auth/login/", Map.of("email", enrolled.email(), "password", "not the password"));
        assertThat(response).isError(401, "invalid_credentials");
        long step = TestAuthenticator.steadyStep();
        TestClient.Response withCode = api.post(
                "/api/auth/login/",
                Map.of(
                        "email",
                        enrolled.email(),
                        "password",
                        "not the password",
                        "totp_code",
                        enrolled.authenticator().code(step)));
        assertThat(withCode).isError(401, "invalid_credentials");
        // The right code was not spent by the refused attempt.
        assertThat(enrolled.loginWithTotp(api, enrolled.authenticator().code(step))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void loginWhenCodeWrongThenInvalidMfaCode() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        long step = TestAuthenticator.steadyStep();
        String right = enrolled.authenticator().code(step);
        String wrong = String.format("%06d", (Integer.parseInt(right) + 1) % 1_000_000);
        assertThat(enrolled.loginWithTotp(api, wrong)).isError(401, "invalid_mfa_code");
        assertThat(enrolled.loginWithTotp(api, "abcdef")).isError(401, "invalid_mfa_code");
        assertThat(enrolled.loginWithTotp(api, right).status()).isEqualTo(200);
    }

    @Test
    void loginWhenCodeReplayedThenInvalidMfaCode() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        String code = enrolled.authenticator().code(TestAuthenticator.steadyStep());
        TestClient.Response first = enrolled.loginWithTotp(api, code);
        assertThat(first.status()).isEqualTo(200);
        // Still inside the code's own step, and the window: refused all the same.
        assertThat(enrolled.loginWithTotp(api, code)).isError(401, "invalid_mfa_code");
    }

    @Test
    void loginWhenCodeOfStepBeforeLastUsedThenInvalidMfaCode() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        long step = TestAuthenticator.steadyStep();
        assertThat(enrolled.loginWithTotp(api, enrolled.authenticator().code(step + 1))
                        .status())
                .isEqualTo(200);
        // Unused and inside the window, but older than a code already accepted.
        assertThat(enrolled.loginWithTotp(api, enrolled.authenticator().code(step)))
                .isError(401, "invalid_mfa_code");
    }

    @Test
    void loginWhenCodeFromTwoStepsAgoThenInvalidMfaCode() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        long step = TestAuthenticator.steadyStep();
        assertThat(enrolled.loginWithTotp(api, enrolled.authenticator().code(step - 2)))
                .isError(401, "invalid_mfa_code");
        assertThat(enrolled.loginWithTotp(api, enrolled.authenticator().code(step + 2)))
                .isError(401, "invalid_mfa_code");
    }

    @Test
    void loginWhenCodeFromNextStepThenAccepted() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        long step = TestAuthenticator.steadyStep();
        TestClient.Response response =
                enrolled.loginWithTotp(api, enrolled.authenticator().code(step + 1));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("access").asString()).isNotBlank();
    }

    /** Waits for the next time step (up to 30 s): the enrolment spent the step before the current one. */
    @Test
    void loginWhenCodeFromPreviousStepThenAccepted() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        long step = TestAuthenticator.currentStep();
        TestAuthenticator.awaitStep(step + 1);
        TestClient.Response response =
                enrolled.loginWithTotp(api, enrolled.authenticator().code(step));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    @Test
    void loginWhenCodeWrongReplayedOrStaleThenSameAnswer() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        long step = TestAuthenticator.steadyStep();
        String used = enrolled.authenticator().code(step);
        assertThat(enrolled.loginWithTotp(api, used).status()).isEqualTo(200);
        TestClient.Response replayed = enrolled.loginWithTotp(api, used);
        TestClient.Response stale =
                enrolled.loginWithTotp(api, enrolled.authenticator().code(step - 3));
        TestClient.Response wrongRecovery = enrolled.loginWithRecoveryCode(api, "aaaa-bbbb-cccc-dddd");
        assertThat(replayed).isError(401, "invalid_mfa_code");
        assertThat(stale.text()).isEqualTo(replayed.text());
        assertThat(wrongRecovery.text()).isEqualTo(replayed.text());
    }

    @Test
    void loginWithRecoveryCodeWorksOnceThenInvalidMfaCode() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        String code = enrolled.recoveryCodes().get(3);
        TestClient.Response first = enrolled.loginWithRecoveryCode(api, code.toUpperCase());
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(api.get(
                                "/api/auth/status/",
                                "Authorization",
                                TestClient.bearer(first.json().path("access").asString()))
                        .status())
                .isEqualTo(200);
        assertThat(enrolled.loginWithRecoveryCode(api, code)).isError(401, "invalid_mfa_code");
        assertThat(enrolled.loginWithRecoveryCode(api, enrolled.recoveryCodes().get(4))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void loginWithRecoveryCodeOfAnotherUserThenInvalidMfaCode() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        MfaEnrolment other = MfaEnrolment.of(api, newUser(Role.VIEWER));
        assertThat(enrolled.loginWithRecoveryCode(api, other.recoveryCodes().get(0)))
                .isError(401, "invalid_mfa_code");
        assertThat(other.loginWithRecoveryCode(api, other.recoveryCodes().get(0))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void loginWhenMfaOffThenCodesAreIgnored() {
        Account account = newUser(Role.VIEWER);
        TestClient.Response response = api.post(
                "/api/auth/login/",
                Map.of("email", account.email(), "password", account.password(), "totp_code", "000000"));
        assertThat(response.status()).isEqualTo(200);
    }

    /** Default budget: 5 failures per account and address; missing and wrong codes both spend it. */
    @Test
    void loginWhenMissingAndWrongCodesRepeatedThenRateLimited() {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        assertThat(enrolled.login(api, Map.of())).isError(401, "mfa_required");
        assertThat(enrolled.login(api, Map.of())).isError(401, "mfa_required");
        for (int i = 0; i < 3; i++) {
            assertThat(enrolled.loginWithTotp(api, "00000" + i)).isError(401, "invalid_mfa_code");
        }
        TestClient.Response throttled = enrolled.loginWithTotp(api, "000009");
        assertThat(throttled).isError(429, "rate_limited");
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isPositive();
        // The right code does not get past the throttle either, and is not spent by trying.
        long step = TestAuthenticator.steadyStep();
        assertThat(enrolled.loginWithTotp(api, enrolled.authenticator().code(step))
                        .status())
                .isEqualTo(429);
    }

    /**
     * Four logins with the same code at once: the code's step is claimed by one conditional update in the database, so
     * exactly one wins, whichever request thread (or server process) each lands on.
     */
    @Test
    void loginWhenSameCodeSentConcurrentlyThenExactlyOneSucceeds() throws Exception {
        MfaEnrolment enrolled = MfaEnrolment.of(api, newUser(Role.VIEWER));
        String code = enrolled.authenticator().code(TestAuthenticator.steadyStep());
        int attempts = 4;
        CyclicBarrier start = new CyclicBarrier(attempts);
        List<Future<TestClient.Response>> responses = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(attempts)) {
            for (int i = 0; i < attempts; i++) {
                responses.add(threads.submit(() -> {
                    start.await();
                    return enrolled.loginWithTotp(api, code);
                }));
            }
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<TestClient.Response> response : responses) {
            statuses.add(response.get().status());
            if (response.get().status() != 200) {
                assertThat(response.get().error()).isEqualTo("invalid_mfa_code");
            }
        }
        assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 401);
    }
}
