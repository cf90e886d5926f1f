package com.claribi.client;

import com.claribi.client.model.MfaConfirmation;
import com.claribi.client.model.MfaEnrolment;
import com.claribi.client.model.MfaStatus;
import java.util.List;
import java.util.Map;

/** Two-factor authentication of the caller (TOTP, RFC 6238; session clients only, changes need sudo mode). */
public final class Mfa {

    private record RecoveryCodes(List<String> recoveryCodes) {}

    private final ApiCalls calls;

    Mfa(ApiCalls calls) {
        this.calls = calls;
    }

    public MfaStatus status() {
        return calls.get("/api/auth/mfa/", MfaStatus.class);
    }

    /** Starts an enrolment: the secret for the authenticator app; MFA is on only after {@link #confirm}. */
    public MfaEnrolment setup() {
        return calls.post("/api/auth/mfa/setup/", null, MfaEnrolment.class);
    }

    /** Turns MFA on with a code of the enrolled authenticator; returns the 10 recovery codes. */
    public MfaConfirmation confirm(String code) {
        return calls.post("/api/auth/mfa/confirm/", Map.of("code", code), MfaConfirmation.class);
    }

    /** Turns MFA off with an authenticator or recovery code; every other session ends. */
    public void disable(String code) {
        calls.post("/api/auth/mfa/disable/", Map.of("code", code), Map.class);
    }

    /** A new set of recovery codes; the old set stops working. */
    public List<String> regenerateRecoveryCodes(String code) {
        return calls.post("/api/auth/mfa/recovery-codes/", Map.of("code", code), RecoveryCodes.class)
                .recoveryCodes();
    }
}
