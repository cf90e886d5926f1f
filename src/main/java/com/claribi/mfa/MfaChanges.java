package com.claribi.mfa;

import com.claribi.identity.User;
import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.Timestamps;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The module's writes to a user's second factor, each in one transaction with the event it publishes (listeners that
 * end sessions, or audit it, join that transaction). The checks that come before a write (the user, the code) are
 * the callers': {@link MfaEnrolment} and {@link MfaManagement}.
 */
@Service
class MfaChanges {

    private final TotpEnrolments enrolments;
    private final RecoveryCodes recoveryCodes;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MfaChanges(TotpEnrolments enrolments, RecoveryCodes recoveryCodes, ApplicationEventPublisher events, Clock clock) {
        this.enrolments = enrolments;
        this.recoveryCodes = recoveryCodes;
        this.events = events;
        this.clock = clock;
    }

    /** Stores a new pending secret; false when MFA is already on, whose secret a new enrolment must not replace. */
    boolean startEnrolment(long userId, String sealedSecret) {
        return enrolments.savePending(userId, sealedSecret, Timestamps.now(clock));
    }

    /** Turns MFA on with the secret a code was checked against, and issues the recovery codes. */
    @Transactional
    MfaManagement.NewRecoveryCodes enable(User user, TotpEnrolments.Enrolment pending, ClientInfo client) {
        if (!enrolments.enable(user.id(), pending.sealedSecret(), Timestamps.now(clock))) {
            throw ApiException.conflict(
                    "The enrolment changed while it was being confirmed (another setup or confirmation); start again"
                            + " with POST /api/auth/mfa/setup/.");
        }
        MfaManagement.NewRecoveryCodes codes = newRecoveryCodes(user.id());
        events.publishEvent(new MfaEnabled(user.id(), user.organizationId(), user.email(), client));
        return codes;
    }

    /** Turns MFA off, forgetting the secret and the recovery codes. */
    @Transactional
    void disable(User user, String keptSessionId, ClientInfo client) {
        enrolments.delete(user.id());
        recoveryCodes.deleteAll(user.id());
        events.publishEvent(new MfaDisabled(user.id(), user.organizationId(), user.email(), keptSessionId, client));
    }

    /** Replaces the recovery codes; the old set stops working. */
    @Transactional
    MfaManagement.NewRecoveryCodes regenerateRecoveryCodes(User user, ClientInfo client) {
        MfaManagement.NewRecoveryCodes codes = newRecoveryCodes(user.id());
        events.publishEvent(new RecoveryCodesRegenerated(user.id(), user.organizationId(), user.email(), client));
        return codes;
    }

    /** The operator's reset: MFA off, secret and codes forgotten, a lock lifted; returns whether MFA was on. */
    @Transactional
    boolean reset(User user, ClientInfo client) {
        boolean locked = enrolments
                .find(user.id())
                .filter(TotpEnrolments.Enrolment::locked)
                .isPresent();
        boolean on = enrolments.delete(user.id());
        if (locked) {
            events.publishEvent(new MfaUnlocked(
                    user.id(), user.organizationId(), user.email(), "unlocked by an operator's reset", client));
        }
        recoveryCodes.deleteAll(user.id());
        events.publishEvent(new MfaReset(user.id(), user.organizationId(), user.email(), on, client));
        return on;
    }

    private MfaManagement.NewRecoveryCodes newRecoveryCodes(long userId) {
        List<String> codes = new ArrayList<>(RecoveryCode.COUNT);
        List<String> hashes = new ArrayList<>(RecoveryCode.COUNT);
        for (int i = 0; i < RecoveryCode.COUNT; i++) {
            String code = RecoveryCode.generate();
            codes.add(code);
            hashes.add(RecoveryCode.hash(Objects.requireNonNull(RecoveryCode.normalize(code))));
        }
        recoveryCodes.replace(userId, hashes, Timestamps.now(clock));
        return new MfaManagement.NewRecoveryCodes(codes);
    }
}
