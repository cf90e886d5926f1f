package com.claribi.mfa;

import com.claribi.identity.Directory;
import com.claribi.identity.User;
import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.MasterKey;
import java.util.Arrays;
import org.springframework.stereotype.Service;

/**
 * Enrols an authenticator: a new secret (setup), then confirmation with a code from it, which turns MFA on and issues
 * the recovery codes. The confirmation's code is throttled like a failed login, and counts toward the same budgets.
 */
@Service
public class MfaEnrolment {

    /** A new, not yet confirmed authenticator: the only time its secret leaves the server. */
    public record Enrolment(String secret, String otpauthUri, String qrCode) {

        @Override
        public String toString() {
            return "Enrolment[secret=(hidden)]";
        }
    }

    private final TotpEnrolments enrolments;
    private final SessionCodeCheck codeCheck;
    private final MasterKey masterKey;
    private final Directory directory;
    private final MfaChanges changes;

    MfaEnrolment(
            TotpEnrolments enrolments,
            SessionCodeCheck codeCheck,
            MasterKey masterKey,
            Directory directory,
            MfaChanges changes) {
        this.enrolments = enrolments;
        this.codeCheck = codeCheck;
        this.masterKey = masterKey;
        this.directory = directory;
        this.changes = changes;
    }

    /**
     * Starts an enrolment with a new secret, replacing any unconfirmed one. MFA stays off until {@link #confirm}; while
     * it is on, a new enrolment is refused, so that a stolen session cannot swap the authenticator.
     */
    public Enrolment setup(long userId) {
        User user = MfaManagement.activeUser(directory, userId);
        byte[] secret = Totp.newSecret();
        try {
            if (!changes.startEnrolment(userId, masterKey.encrypt(Totp.purpose(userId), secret))) {
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
    public MfaManagement.NewRecoveryCodes confirm(long userId, String code, ClientInfo client) {
        User user = MfaManagement.activeUser(directory, userId);
        TotpEnrolments.Enrolment pending = enrolments
                .find(userId)
                .orElseThrow(() -> ApiException.conflict(
                        "No enrolment is in progress: start one with POST /api/auth/mfa/setup/."));
        if (pending.enabled()) {
            throw ApiException.conflict("MFA is already on for this account.");
        }
        codeCheck.require(user, "confirm", verification -> verification.totp(pending, code), client);
        return changes.enable(user, pending, client);
    }
}
