package com.claribi.token;

import com.claribi.identity.User;
import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts sessions and renews their password proof; {@link SessionRefresh} refreshes them and {@link SessionEnding} ends
 * them.
 */
@Service
public class SessionManagement {

    /** The tokens handed to a client; {@code refresh} is null when a refresh does not rotate it. */
    public record Tokens(String access, @Nullable String refresh) {}

    private final Sessions sessions;
    private final SessionRevocations revocations;
    private final TokenIssuer issuer;
    private final TokenProperties properties;
    private final ApplicationEventPublisher events;

    SessionManagement(
            Sessions sessions,
            SessionRevocations revocations,
            TokenIssuer issuer,
            TokenProperties properties,
            ApplicationEventPublisher events) {
        this.sessions = sessions;
        this.revocations = revocations;
        this.issuer = issuer;
        this.properties = properties;
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
}
