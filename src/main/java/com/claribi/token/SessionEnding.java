package com.claribi.token;

import com.claribi.identity.Directory;
import com.claribi.identity.PasswordChanged;
import com.claribi.identity.User;
import com.claribi.identity.UserDeactivated;
import com.claribi.mfa.MfaDisabled;
import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ends sessions: logout, logout everywhere, an operator's revocation, and the ends other modules' events call for
 * (password changed, MFA turned off, user deactivated); each ending is published as {@link SessionsRevoked}.
 */
@Service
public class SessionEnding {

    private final SessionRevocations revocations;
    private final TokenVerifier verifier;
    private final Directory directory;
    private final ApplicationEventPublisher events;

    SessionEnding(
            SessionRevocations revocations,
            TokenVerifier verifier,
            Directory directory,
            ApplicationEventPublisher events) {
        this.revocations = revocations;
        this.verifier = verifier;
        this.directory = directory;
        this.events = events;
    }

    /** Ends the session a refresh token belongs to. */
    @Transactional
    public void logoutWithRefreshToken(String refreshToken, ClientInfo client) {
        TokenClaims claims = verifier.verify(refreshToken, TokenType.REFRESH);
        end(claims.sessionId(), claims.userId(), claims.organizationId(), "logout", client);
    }

    @Transactional
    public void logout(String sessionId, long userId, long organizationId, ClientInfo client) {
        end(sessionId, userId, organizationId, "logout", client);
    }

    void end(String sessionId, long userId, long organizationId, String reason, ClientInfo client) {
        if (revocations.revoke(sessionId, reason)) {
            events.publishEvent(new SessionsRevoked(userId, organizationId, 1, reason, client));
        }
    }

    /** Ends every session of a user except {@code keep}; returns how many ended. */
    @Transactional
    public int revokeAll(User user, @Nullable String keep, String reason, ClientInfo client) {
        List<String> ended = revocations.revokeAll(user.id(), keep, reason);
        events.publishEvent(new SessionsRevoked(user.id(), user.organizationId(), ended.size(), reason, client));
        return ended.size();
    }

    /** Ends every session of the user with this id. */
    @Transactional
    public int revokeAllOf(long userId, String reason, ClientInfo client) {
        User user = directory.user(userId).orElseThrow(() -> ApiException.notFound("No user with id " + userId + "."));
        return revokeAll(user, null, reason, client);
    }

    @EventListener
    void on(UserDeactivated deactivated) {
        directory
                .user(deactivated.userId())
                .ifPresent(user -> revokeAll(user, null, "user_deactivated", deactivated.client()));
    }

    @EventListener
    void on(PasswordChanged changed) {
        directory
                .user(changed.userId())
                .ifPresent(user -> revokeAll(user, changed.keptSessionId(), "password_changed", changed.client()));
        // The kept session's auth_time stays that of its login or re-authentication: the change checked the password
        // but not the second factor, so it is no proof that sudo mode may rest on.
    }

    @EventListener
    void on(MfaDisabled disabled) {
        directory
                .user(disabled.userId())
                .ifPresent(user -> revokeAll(user, disabled.keptSessionId(), "mfa_disabled", disabled.client()));
    }
}
