package com.claribi.mfa;

import com.claribi.platform.MasterKey;
import com.claribi.platform.Timestamps;
import java.time.Clock;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Checks an authenticator code or a recovery code, accepting each at most once; {@link CodeOutcomes} settles the
 * verdict. Every refusal looks the same to the caller; only the audit record says which it was. A locked authenticator
 * ({@link CodeOutcomes#LOCK_AFTER} consecutive wrong codes) has its codes no longer checked until a recovery code is
 * accepted or an operator resets MFA.
 */
@Component
class CodeVerification {

    enum Verdict {
        TOTP_ACCEPTED("authenticator code accepted"),
        RECOVERY_CODE_ACCEPTED("recovery code accepted"),
        WRONG_TOTP("wrong authenticator code"),
        REPLAYED_TOTP("authenticator code already used, or older than one used"),
        WRONG_RECOVERY_CODE("wrong recovery code"),
        USED_RECOVERY_CODE("recovery code already used"),
        LOCKED_TOTP("authenticator locked after too many wrong codes; the code was not checked");

        private final String description;

        Verdict(String description) {
            this.description = description;
        }

        boolean accepted() {
            return this == TOTP_ACCEPTED || this == RECOVERY_CODE_ACCEPTED;
        }

        String description() {
            return description;
        }
    }

    private final TotpEnrolments enrolments;
    private final RecoveryCodes recoveryCodes;
    private final MasterKey masterKey;
    private final Clock clock;

    CodeVerification(TotpEnrolments enrolments, RecoveryCodes recoveryCodes, MasterKey masterKey, Clock clock) {
        this.enrolments = enrolments;
        this.recoveryCodes = recoveryCodes;
        this.masterKey = masterKey;
        this.clock = clock;
    }

    /**
     * An authenticator code of the current step or the one just before or after, accepted only if no code of that or a
     * later step was accepted before (RFC 6238 section 5.2: a verifier must not accept an OTP twice).
     */
    Verdict totp(TotpEnrolments.Enrolment enrolment, String code) {
        if (enrolment.enabled() && enrolment.locked()) {
            return Verdict.LOCKED_TOTP;
        }
        String digits = withoutSpaces(code); // apps show "123 456"
        if (!digits.matches("\\d{" + Totp.DIGITS + "}")) {
            return Verdict.WRONG_TOTP;
        }
        byte[] secret = masterKey.decrypt(Totp.purpose(enrolment.userId()), enrolment.sealedSecret());
        try {
            Verdict verdict = Verdict.WRONG_TOTP;
            for (long step : Totp.matchingSteps(secret, digits, Totp.step(clock.instant()))) {
                if (enrolments.useStep(enrolment.userId(), step)) {
                    return Verdict.TOTP_ACCEPTED;
                }
                verdict = Verdict.REPLAYED_TOTP;
            }
            return verdict;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    Verdict recoveryCode(long userId, @Nullable String code) {
        String normalized = RecoveryCode.normalize(code);
        if (normalized == null) {
            return Verdict.WRONG_RECOVERY_CODE;
        }
        String hash = RecoveryCode.hash(normalized);
        if (recoveryCodes.use(userId, hash, Timestamps.now(clock))) {
            return Verdict.RECOVERY_CODE_ACCEPTED;
        }
        return recoveryCodes.wasUsed(userId, hash) ? Verdict.USED_RECOVERY_CODE : Verdict.WRONG_RECOVERY_CODE;
    }

    /** One field that takes either: six digits are an authenticator code, anything else a recovery code. */
    Verdict either(TotpEnrolments.Enrolment enrolment, String code) {
        return withoutSpaces(code).matches("\\d{" + Totp.DIGITS + "}")
                ? totp(enrolment, code)
                : recoveryCode(enrolment.userId(), code);
    }

    private static String withoutSpaces(String code) {
        return code.replaceAll("\\s", "");
    }
}
