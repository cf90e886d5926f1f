package com.claribi.mfa;

import com.claribi.identity.Directory;
import com.claribi.identity.User;
import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.MasterKey;
import com.claribi.platform.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A user's MFA settings: enrolment (setup, then confirmation with a code), recovery codes, turning it off, and the
 * operator's reset. Changes that need a code are throttled like failed logins, and count toward the same budgets.
 */
@Service
public class MfaManagement {

    /** What {@code GET /api/auth/mfa/} shows. */
    @Schema(name = "MfaStatus")
    public record Status(boolean enabled, int recoveryCodesRemaining) {}

    /** A new, not yet confirmed authenticator: the only time its secret leaves the server. */
    public record Enrolment(String secret, String otpauthUri, String qrCode) {

        @Override
        public String toString() {
            return "Enrolment[secret=(hidden)]";
        }
    }

    /** A new set of recovery codes, in clear this once. */
    public record NewRecoveryCodes(List<String> codes) {

        public NewRecoveryCodes {
            codes = List.copyOf(codes);
        }

        @Override
        public String toString() {
            return "NewRecoveryCodes[" + codes.size() + " codes]";
        }
    }

    private final TotpEnrolments enrolments;
    private final RecoveryCodes recoveryCodes;
    private final SessionCodeCheck codeCheck;
    private final MasterKey masterKey;
    private final Directory directory;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    MfaManagement(
            TotpEnrolments enrolments,
            RecoveryCodes recoveryCodes,
            SessionCodeCheck codeCheck,
            MasterKey masterKey,
            Directory directory,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.enrolments = enrolments;
        this.recoveryCodes = recoveryCodes;
        this.codeCheck = codeCheck;
        this.masterKey = masterKey;
        this.directory = directory;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Status status(long userId) {
        boolean enabled = enrolments.findEnabled(userId).isPresent();
        return new Status(enabled, enabled ? recoveryCodes.remaining(userId) : 0);
    }

    /**
     * Starts an enrolment with a new secret, replacing any unconfirmed one. MFA stays off until {@link #confirm}; while
     * it is on, a new enrolment is refused, so that a stolen session cannot swap the authenticator.
     */
    public Enrolment setup(long userId) {
        User user = user(userId);
        byte[] secret = Totp.newSecret();
        try {
            if (!enrolments.savePending(
                    userId, masterKey.encrypt(Totp.purpose(userId), secret), Timestamps.now(clock))) {
                throw ApiException.conflict(
                        "MFA is already on for this account. Turn it off (POST /api/auth/mfa/disable/) before enrolling"
                                + " another authenticator.");
            }
            String base32 = Totp.base32(secret);
            String uri = Totp.otpauthUri(user.email(), base32);
            return new Enrolment(base32, uri, QrCode.pngDataUri(uri));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Turns MFA on when {@code code} comes from the authenticator being enrolled, and issues the recovery codes. */
    public NewRecoveryCodes confirm(long userId, String code, ClientInfo client) {
        User user = user(userId);
        TotpEnrolments.Enrolment pending = enrolments
                .find(userId)
                .orElseThrow(() -> ApiException.conflict(
                        "No enrolment is in progress: start one with POST /api/auth/mfa/setup/."));
        if (pending.enabled()) {
            throw ApiException.conflict("MFA is already on for this account.");
        }
        codeCheck.require(user, "confirm", verification -> verification.totp(pending, code), client);
        return transactions.execute(status -> {
            if (!enrolments.enable(userId, pending.sealedSecret(), Timestamps.now(clock))) {
                throw ApiException.conflict(
                        "The enrolment changed while it was being confirmed (another setup or confirmation); start again"
                                + " with POST /api/auth/mfa/setup/.");
            }
            NewRecoveryCodes codes = newRecoveryCodes(userId);
            events.publishEvent(new MfaEnabled(userId, user.organizationId(), user.email(), client));
            return codes;
        });
    }

    /**
     * Turns MFA off with an authenticator code or a recovery code, forgetting the secret and the recovery codes; every
     * other session of the user ends ({@link MfaDisabled}).
     */
    public void disable(long userId, String code, String keptSessionId, ClientInfo client) {
        User user = user(userId);
        TotpEnrolments.Enrolment enrolment = enabled(userId);
        codeCheck.require(user, "disable", verification -> verification.either(enrolment, code), client);
        transactions.executeWithoutResult(status -> {
            enrolments.delete(userId);
            recoveryCodes.deleteAll(userId);
            events.publishEvent(new MfaDisabled(userId, user.organizationId(), user.email(), keptSessionId, client));
        });
    }

    /** Replaces the recovery codes, after a current authenticator code (or a recovery code); the old set stops working. */
    public NewRecoveryCodes regenerateRecoveryCodes(long userId, String code, ClientInfo client) {
        User user = user(userId);
        TotpEnrolments.Enrolment enrolment = enabled(userId);
        codeCheck.require(user, "recovery_codes", verification -> verification.either(enrolment, code), client);
        return transactions.execute(status -> {
            NewRecoveryCodes codes = newRecoveryCodes(userId);
            events.publishEvent(new RecoveryCodesRegenerated(userId, user.organizationId(), user.email(), client));
            return codes;
        });
    }

    /**
     * The operator's way out for a user who lost their authenticator and recovery codes: MFA off, secret and codes
     * forgotten, recorded as {@link MfaReset}. Returns whether MFA was on.
     */
    public boolean reset(String email, ClientInfo client) {
        User user = directory
                .userByEmail(email)
                .orElseThrow(() -> ApiException.notFound("No user with email " + email + "."));
        Boolean wasOn = transactions.execute(status -> {
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
        });
        return Boolean.TRUE.equals(wasOn);
    }

    private NewRecoveryCodes newRecoveryCodes(long userId) {
        List<String> codes = new ArrayList<>(RecoveryCode.COUNT);
        List<String> hashes = new ArrayList<>(RecoveryCode.COUNT);
        for (int i = 0; i < RecoveryCode.COUNT; i++) {
            String code = RecoveryCode.generate();
            codes.add(code);
            hashes.add(RecoveryCode.hash(Objects.requireNonNull(RecoveryCode.normalize(code))));
        }
        recoveryCodes.replace(userId, hashes, Timestamps.now(clock));
        return new NewRecoveryCodes(codes);
    }

    private TotpEnrolments.Enrolment enabled(long userId) {
        return enrolments
                .findEnabled(userId)
                .orElseThrow(() -> ApiException.conflict("MFA is not on for this account."));
    }

    private User user(long userId) {
        return directory.user(userId).filter(User::active).orElseThrow(ApiException::notAuthenticated);
    }
}
