package com.claribi.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A user who turned MFA on through the API: signed in, set up an authenticator and confirmed it with the code of the
 * step just before the current one (as a phone a little behind would), so that the current step's code is still unused.
 */
public record MfaEnrolment(
        String email,
        String password,
        String access,
        String refresh,
        String secret,
        TestAuthenticator authenticator,
        List<String> recoveryCodes) {

    public static MfaEnrolment of(TestClient api, ServerIntegrationTest.Account account) {
        return of(api, account.email(), account.password());
    }

    public static MfaEnrolment of(TestClient api, String email, String password) {
        Map<String, String> tokens = api.login(email, password);
        String bearer = TestClient.bearer(tokens.get("access"));
        TestClient.Response setup = api.post("/api/auth/mfa/setup/", "", "Authorization", bearer);
        assertThat(setup.status()).as(setup.text()).isEqualTo(200);
        String secret = setup.json().path("secret").asString();
        TestAuthenticator authenticator = new TestAuthenticator(secret);
        long step = TestAuthenticator.steadyStep();
        TestClient.Response confirm = api.post(
                "/api/auth/mfa/confirm/", Map.of("code", authenticator.code(step - 1)), "Authorization", bearer);
        assertThat(confirm.status()).as(confirm.text()).isEqualTo(200);
        List<String> codes = confirm.json()
                .path("recovery_codes")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
        return new MfaEnrolment(
                email, password, tokens.get("access"), tokens.get("refresh"), secret, authenticator, codes);
    }

    public String bearer() {
        return TestClient.bearer(access);
    }

    /** A login with the password and these extra fields ({@code totp_code}, {@code recovery_code}). */
    public TestClient.Response login(TestClient api, Map<String, String> factor) {
        Map<String, String> body = new java.util.HashMap<>(factor);
        body.put("email", email);
        body.put("password", password);
        return api.post("/api/auth/login/", body);
    }

    public TestClient.Response loginWithTotp(TestClient api, String code) {
        return login(api, Map.of("totp_code", code));
    }

    public TestClient.Response loginWithRecoveryCode(TestClient api, String code) {
        return login(api, Map.of("recovery_code", code));
    }
}
