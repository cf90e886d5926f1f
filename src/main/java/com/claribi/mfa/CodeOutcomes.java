package com.claribi.mfa;

import com.claribi.identity.User;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.Timestamps;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What follows a {@link CodeVerification} verdict: {@value #LOCK_AFTER} consecutive wrong authenticator codes lock the
 * authenticator (NIST SP 800-63B 5.2.2 allows at most 100), a correct one starts the count again, a recovery code lifts
 * the lock; and each outcome is published as the security event it calls for.
 */
@Component
class CodeOutcomes {

    /** Consecutive wrong authenticator codes that lock the authenticator. */
    static final int LOCK_AFTER = 100;

    private final TotpEnrolments enrolments;
    private final RecoveryCodes recoveryCodes;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CodeOutcomes(
            TotpEnrolments enrolments, RecoveryCodes recoveryCodes, ApplicationEventPublisher events, Clock clock) {
        this.enrolments = enrolments;
        this.recoveryCodes = recoveryCodes;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Settles a verdict: counts a wrong authenticator code toward the lock (a correct one starts the count again, a
     * recovery code also lifts the lock) and publishes the audit events it calls for: a refusal, the lock, a spent
     * recovery code, the unlock.
     */
    void report(User user, String where, CodeVerification.Verdict verdict, ClientInfo client) {
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

    private void publishFailure(User user, String where, CodeVerification.Verdict verdict, ClientInfo client) {
        events.publishEvent(new MfaCodeFailed(
                user.id(), user.organizationId(), user.email(), where, verdict.description(), client));
    }
}
