package com.claribi.token;

import com.claribi.identity.Directory;
import com.claribi.identity.PasswordChanged;
import com.claribi.identity.User;
import com.claribi.identity.UserDeactivated;
import com.claribi.mfa.MfaDisabled;
import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts sessions, refreshes them, and ends them (logout, logout everywhere, password change, MFA turned off, reuse
 * detection).
 */
@Service
public class SessionManagement {

    /** The tokens handed to a client; {@code refresh} is null when a refresh does not rotate it. */
    public record Tokens(String access, @Nullable String refresh) {}

    /** How often a session's {@code last_used_at} is written: a client refreshing every few seconds writes once a minute. */
    private static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);

    private final Sessions sessions;
    private final SessionRevocations revocations;
    private final TokenIssuer issuer;
    private final TokenVerifier verifier;
    private final TokenProperties properties;
    private final Directory directory;
    private final ApplicationEventPublisher events;

    SessionManagement(
            Sessions sessions,
            SessionRevocations revocations,
            TokenIssuer issuer,
            TokenVerifier verifier,
            TokenProperties properties,
            Directory directory,
            ApplicationEventPublisher events) {
        this.sessions = sessions;
        this.revocations = revocations;
        this.issuer = issuer;
        this.verifier = verifier;
        this.properties = properties;
        this.directory = directory;
        this.events = events;
    }

    @Transactional
    Tokens start(User user, ClientInfo client) {
        Instant now = issuer.now();
        String sessionId = TokenIssuer.randomId();
        String jti = TokenIssuer.randomId();
        Instant expiresAt = now.plus(properties.refreshTokenTtl());
        sessions.insert(sessionId, user.id(), now, expiresAt, jti, client);
        events.publishEvent(new LoginSucceeded(user.id(), user.organizationId(), user.email(), sessionId, client));
        return new Tokens(
                issuer.access(user.id(), user.organizationId(), sessionId, now),
                issuer.refresh(user.id(), user.organizationId(), sessionId, jti, expiresAt));
    }

    /**
     * Exchanges a refresh token for a new access token. With rotation on, also for a new refresh token; presenting a
     * rotated one after the grace window is taken as theft and ends the whole session (reuse detection).
     */
    @Transactional(noRollbackFor = ApiException.class)
    public Tokens refresh(String refreshToken, ClientInfo client) {
        TokenClaims claims = verifier.verify(refreshToken, TokenType.REFRESH);
        Sessions.Session session = liveSession(claims);
        Instant now = issuer.now();
        if (!now.isBefore(session.lastUsedAt().plus(USE_RECORDED_EVERY))) {
            sessions.used(session.id(), now);
        }
        if (claims.jti().equals(session.refreshJti())) {
            // The session's last password proof, not the refresh: a refresh proves possession of a token only.
            String access =
                    issuer.access(claims.userId(), claims.organizationId(), session.id(), session.authenticatedAt());
            if (!properties.rotation()) {
                return new Tokens(access, null);
            }
            String next = TokenIssuer.randomId();
            if (sessions.rotate(session.id(), claims.jti(), next, now)) {
                return new Tokens(
                        access,
                        issuer.refresh(
                                claims.userId(), claims.organizationId(), session.id(), next, session.expiresAt()));
            }
            session = liveSession(claims); // another request rotated it just now: fall through to the grace rule
        }
        if (claims.jti().equals(session.previousRefreshJti())
                && session.rotatedAt() != null
                && now.isBefore(session.rotatedAt().plus(TokenProperties.ROTATION_GRACE))) {
            return new Tokens(
                    issuer.access(claims.userId(), claims.organizationId(), session.id(), session.authenticatedAt()),
                    issuer.refresh(
                            claims.userId(),
                            claims.organizationId(),
                            session.id(),
                            session.refreshJti(),
                            session.expiresAt()));
        }
        end(session.id(), claims.userId(), claims.organizationId(), "refresh_token_reused", client);
        throw ApiException.invalidToken("This refresh token was already used; the session has ended. Sign in again.");
    }

    private Sessions.Session liveSession(TokenClaims claims) {
        Sessions.Session session = sessions.find(claims.sessionId())
                .filter(s -> s.userId() == claims.userId())
                .orElseThrow(() -> ApiException.invalidToken("The session no longer exists."));
        if (session.revokedAt() != null) {
            throw ApiException.invalidToken("The session has ended.");
        }
        if (!issuer.now().isBefore(session.expiresAt())) {
            throw ApiException.tokenExpired("The session has expired; sign in again.");
        }
        if (directory.user(claims.userId()).filter(User::active).isEmpty()) {
            throw ApiException.invalidToken("The user of this session is deactivated.");
        }
        return session;
    }

    /**
     * A new access token of the session with a fresh {@code auth_time}, after the caller proved the password again;
     * the session keeps that time, so its refreshes carry it too. Refused (401) when the session ended meanwhile.
     */
    @Transactional
    public String reauthenticated(ApiPrincipal principal) {
        String sessionId = principal.requireSession();
        Instant now = issuer.now();
        if (revocations.isRevoked(sessionId) || !sessions.reauthenticated(sessionId, principal.userId(), now)) {
            throw ApiException.invalidToken("The session of this token has ended.");
        }
        return issuer.access(principal.userId(), principal.organizationId(), sessionId, now);
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
        revocations.revokedHere(sessionId);
        if (sessions.revoke(sessionId, reason)) {
            events.publishEvent(new SessionsRevoked(userId, organizationId, 1, reason, client));
        }
    }

    /** Ends every session of a user except {@code keep}; returns how many ended. */
    @Transactional
    public int revokeAll(User user, @Nullable String keep, String reason, ClientInfo client) {
        java.util.List<String> ended = sessions.revokeAll(user.id(), keep, reason);
        ended.forEach(revocations::revokedHere);
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
