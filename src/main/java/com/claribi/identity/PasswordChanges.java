package com.claribi.identity;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.Timestamps;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The module's writes to passwords, each in one transaction with the event it publishes ({@link PasswordChanged} ends
 * the user's sessions in it). The rules that come before (the policy, the old password, the link) are the callers':
 * {@link Passwords} and {@link PasswordResetConfirmation}.
 */
@Service
class PasswordChanges {

    private final Users users;
    private final PasswordResetTokens resetTokens;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PasswordChanges(Users users, PasswordResetTokens resetTokens, ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.resetTokens = resetTokens;
        this.events = events;
        this.clock = clock;
    }

    /** Stores a new password's hash; {@link PasswordChanged} ends the user's other sessions in the same transaction. */
    @Transactional
    void changePassword(User user, String hash, String keptSessionId, ClientInfo client) {
        users.changePassword(user.id(), hash);
        events.publishEvent(
                new PasswordChanged(user.id(), user.organizationId(), user.email(), keptSessionId, false, client));
    }

    /**
     * Sets a password through a reset link, spending the link (and every other open link of the user) in the same
     * transaction; false, and nothing changed, when the link was spent meanwhile. Every session of the user ends.
     */
    @Transactional
    boolean resetPassword(User user, long resetId, String hash, ClientInfo client) {
        Instant now = Timestamps.now(clock);
        if (!resetTokens.spend(resetId, now)) {
            return false;
        }
        resetTokens.spendAll(user.id(), now);
        users.changePassword(user.id(), hash);
        events.publishEvent(new PasswordChanged(user.id(), user.organizationId(), user.email(), null, true, client));
        return true;
    }

    /** Records that a signed-in user's current password was wrong, or not checked because of the budgets. */
    void passwordCheckFailed(User user, String field, String reason, ClientInfo client) {
        events.publishEvent(
                new PasswordCheckFailed(user.id(), user.organizationId(), user.email(), field, reason, client));
    }
}
