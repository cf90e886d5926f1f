package com.claribi.mfa;

import com.claribi.identity.User;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.MasterKey;
import com.claribi.platform.Timestamps;
import java.time.Clock;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Checks an authenticator code or a recovery code, accepting each at most once, and reports what happened as security
 * events. Every refusal looks the same to the caller; only the audit record says which it was. {@value #LOCK_AFTER}
 * consecutive wrong authenticator codes lock the authenticator (NIST SP 800-63B 5.2.2 allows at most 100): its codes
 * are no longer checked until a recovery code is accepted or an operator resets MFA.
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
    }

    /** Consecutive wrong authenticator codes that lock the authenticator. */
    static final int LOCK_AFTER = 100;

    private final TotpEnrolments enrolments;
    private final RecoveryCodes recoveryCodes;
    private final MasterKey masterKey;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CodeVerification(
            TotpEnrolments enrolments,
            RecoveryCodes recoveryCodes,
            MasterKey masterKey,
            ApplicationEventPublisher events,
            Clock clock) {
        this.enrolments = enrolments;
        this.recoveryCodes = recoveryCodes;
        this.masterKey = masterKey;
        this.events = events;
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

    /**
     * Settles a verdict: counts a wrong authenticator code toward the lock (a correct one starts the count again, a
     * recovery code also lifts the lock) and publishes the audit events it calls for: a refusal, the lock, a spent
     * recovery code, the unlock.
     */
    void report(User user, String where, Verdict verdict, ClientInfo client) {
        switch (verdict) {
            case WRONG_TOTP, REPLAYED_TOTP -> {
                publishFailure(user, where, verdict, client);
                if (enrolments.countWrongCode(user.id(), LOCK_AFTER, Timestamps.now(clock))) {
                    events.publishEvent(
                            new MfaLocked(user.id(), user.organizationId(), user.email(), LOCK_AFTER, client));
                }
            }
            case TOTP_ACCEPTED -> enrolments.resetWrongCodes(user.id());
            case RECOVERY_CODE_ACCEPTED -> {
                events.publishEvent(new RecoveryCodeUsed(
                        user.id(),
                        user.organizationId(),
                        user.email(),
                        where,
                        recoveryCodes.remaining(user.id()),
                        client));
                if (enrolments.unlock(user.id())) {
                    events.publishEvent(new MfaUnlocked(
                            user.id(), user.organizationId(), user.email(), "unlocked by a recovery code", client));
                }
            }
            default -> publishFailure(user, where, verdict, client);
        }
    }

    private void publishFailure(User user, String where, Verdict verdict, ClientInfo client) {
        events.publishEvent(
                new MfaCodeFailed(user.id(), user.organizationId(), user.email(), where, verdict.description, client));
    }

    private static String withoutSpaces(String code) {
        return code.replaceAll("\\s", "");
    }
}
