package com.claribi.mfa;

import com.claribi.identity.Directory;
import com.claribi.identity.User;
import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * A user's MFA settings once enrolled ({@link MfaEnrolment}): its status, new recovery codes, turning it off, and the
 * operator's reset. Changes that need a code are throttled like failed logins, and count toward the same budgets.
 */
@Service
public class MfaManagement {

    /** What {@code GET /api/auth/mfa/} shows. */
    @Schema(name = "MfaStatus")
    public record Status(boolean enabled, int recoveryCodesRemaining) {}

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
    private final Directory directory;
    private final MfaChanges changes;

    MfaManagement(
            TotpEnrolments enrolments,
            RecoveryCodes recoveryCodes,
            SessionCodeCheck codeCheck,
            Directory directory,
            MfaChanges changes) {
        this.enrolments = enrolments;
        this.recoveryCodes = recoveryCodes;
        this.codeCheck = codeCheck;
        this.directory = directory;
        this.changes = changes;
    }

    public Status status(long userId) {
        boolean enabled = enrolments.findEnabled(userId).isPresent();
        return new Status(enabled, enabled ? recoveryCodes.remaining(userId) : 0);
    }

    /**
     * Turns MFA off with an authenticator code or a recovery code, forgetting the secret and the recovery codes; every
     * other session of the user ends ({@link MfaDisabled}).
     */
    public void disable(long userId, String code, String keptSessionId, ClientInfo client) {
        User user = user(userId);
        TotpEnrolments.Enrolment enrolment = enabled(userId);
        codeCheck.require(user, "disable", verification -> verification.either(enrolment, code), client);
        changes.disable(user, keptSessionId, client);
    }

    /** Replaces the recovery codes, after a current authenticator code (or a recovery code); the old set stops working. */
    public NewRecoveryCodes regenerateRecoveryCodes(long userId, String code, ClientInfo client) {
        User user = user(userId);
        TotpEnrolments.Enrolment enrolment = enabled(userId);
        codeCheck.require(user, "recovery_codes", verification -> verification.either(enrolment, code), client);
        return changes.regenerateRecoveryCodes(user, client);
    }

    /**
     * The operator's way out for a user who lost their authenticator and recovery codes: MFA off, secret and codes
     * forgotten, recorded as {@link MfaReset}. Returns whether MFA was on.
     */
    public boolean reset(String email, ClientInfo client) {
        User user = directory
                .userByEmail(email)
                .orElseThrow(() -> ApiException.notFound("No user with email " + email + "."));
        return changes.reset(user, client);
    }

    private TotpEnrolments.Enrolment enabled(long userId) {
        return enrolments
                .findEnabled(userId)
                .orElseThrow(() -> ApiException.conflict("MFA is not on for this account."));
    }

    private User user(long userId) {
        return activeUser(directory, userId);
    }

    /** The signed-in user, who must still be active. */
    static User activeUser(Directory directory, long userId) {
        return directory.user(userId).filter(User::active).orElseThrow(ApiException::notAuthenticated);
    }
}
