package com.claribi.token;

import com.claribi.identity.Directory;
import com.claribi.identity.User;
import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exchanges refresh tokens for new tokens of their session, with optional rotation and reuse detection (a rotated
 * token presented after the grace window ends the session).
 */
@Service
public class SessionRefresh {

    /** How often a session's {@code last_used_at} is written: a client refreshing every few seconds writes once a minute. */
    private static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);

    private final TokenVerifier verifier;
    private final Sessions sessions;
    private final TokenIssuer issuer;
    private final TokenProperties properties;
    private final Directory directory;
    private final SessionEnding ending;

    SessionRefresh(
            TokenVerifier verifier,
            Sessions sessions,
            TokenIssuer issuer,
            TokenProperties properties,
            Directory directory,
            SessionEnding ending) {
        this.verifier = verifier;
        this.sessions = sessions;
        this.issuer = issuer;
        this.properties = properties;
        this.directory = directory;
        this.ending = ending;
    }

    /**
     * Exchanges a refresh token for a new access token. With rotation on, also for a new refresh token; presenting a
     * rotated one after the grace window is taken as theft and ends the whole session (reuse detection).
     */
    @Transactional(noRollbackFor = ApiException.class)
    public SessionManagement.Tokens refresh(String refreshToken, ClientInfo client) {
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
                return new SessionManagement.Tokens(access, null);
            }
            String next = TokenIssuer.randomId();
            if (sessions.rotate(session.id(), claims.jti(), next, now)) {
                return new SessionManagement.Tokens(
                        access,
                        issuer.refresh(
                                claims.userId(), claims.organizationId(), session.id(), next, session.expiresAt()));
            }
            session = liveSession(claims); // another request rotated it just now: fall through to the grace rule
        }
        if (claims.jti().equals(session.previousRefreshJti())
                && session.rotatedAt() != null
                && now.isBefore(session.rotatedAt().plus(TokenProperties.ROTATION_GRACE))) {
            return new SessionManagement.Tokens(
                    issuer.access(claims.userId(), claims.organizationId(), session.id(), session.authenticatedAt()),
                    issuer.refresh(
                            claims.userId(),
                            claims.organizationId(),
                            session.id(),
                            session.refreshJti(),
                            session.expiresAt()));
        }
        ending.end(session.id(), claims.userId(), claims.organizationId(), "refresh_token_reused", client);
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
}
