package com.claribi.mfa;

import com.claribi.identity.User;
import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import org.springframework.stereotype.Service;

/**
 * The second step of a login, after the password verified: nothing to do without MFA; with it, an authenticator code
 * or an unused recovery code, each accepted once.
 */
@Service
public class SecondFactorCheck {

    private final TotpEnrolments enrolments;
    private final CodeVerification verification;
    private final CodeOutcomes outcomes;

    SecondFactorCheck(TotpEnrolments enrolments, CodeVerification verification, CodeOutcomes outcomes) {
        this.enrolments = enrolments;
        this.verification = verification;
        this.outcomes = outcomes;
    }

    /**
     * Returns when the user may have a session; throws {@code mfa_required} when a code is needed and none came, and
     * {@code invalid_mfa_code} when the code is wrong, outside the window or already used, and {@code mfa_locked} for
     * an authenticator code while too many wrong ones locked the authenticator.
     */
    public void check(User user, SecondFactor factor, ClientInfo client) {
        TotpEnrolments.Enrolment enrolment = enrolments.findEnabled(user.id()).orElse(null);
        if (enrolment == null) {
            return;
        }
        if (factor.absent()) {
            throw ApiException.mfaRequired();
        }
        CodeVerification.Verdict verdict =
                factor.totpCode() != null && !factor.totpCode().isBlank()
                        ? verification.totp(enrolment, factor.totpCode())
                        : verification.recoveryCode(user.id(), factor.recoveryCode());
        outcomes.report(user, "login", verdict, client);
        if (verdict == CodeVerification.Verdict.LOCKED_TOTP) {
            throw ApiException.mfaLocked();
        }
        if (!verdict.accepted()) {
            throw ApiException.invalidMfaCode();
        }
    }
}
