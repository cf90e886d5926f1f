package com.claribi.token;

import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import com.claribi.platform.SudoMode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A signed-in user's view of their own sessions ({@code /api/auth/sessions/}): the live ones, with where they were
 * signed in from, and ending one. Ending another session than the caller's needs sudo mode, as a stolen access token
 * must not sign its owner out everywhere; ending the caller's own is a logout.
 */
@Service
public class UserSessions {

    /** A live session; {@code current} for the one the caller's token belongs to. */
    public record ActiveSession(
            String id,
            Instant createdAt,
            Instant lastUsedAt,
            @Nullable String ip,
            @Nullable String userAgent,
            boolean current) {}

    private final Sessions sessions;
    private final SessionEnding ending;
    private final SudoMode sudo;
    private final TokenIssuer issuer;

    UserSessions(Sessions sessions, SessionEnding ending, SudoMode sudo, TokenIssuer issuer) {
        this.sessions = sessions;
        this.ending = ending;
        this.sudo = sudo;
        this.issuer = issuer;
    }

    /** The caller's sessions that have neither ended nor expired, by id. */
    public Page<ActiveSession> list(ApiPrincipal principal, PageRequest page, PageLinks links) {
        String current = principal.requireSession();
        Instant now = issuer.now();
        return Page.of(
                page,
                sessions.countLive(principal.userId(), now),
                sessions.live(principal.userId(), now, page.offset(), page.size()).stream()
                        .map(session -> new ActiveSession(
                                session.id(),
                                session.createdAt(),
                                session.lastUsedAt(),
                                session.clientAddress(),
                                session.userAgent(),
                                session.id().equals(current)))
                        .toList(),
                links);
    }

    /**
     * Ends one of the caller's live sessions: its access and refresh tokens stop working in every process within a
     * second. Another user's session, or one already ended or expired, is 404.
     */
    @Transactional
    public void end(ApiPrincipal principal, String id, ClientInfo client) {
        String current = principal.requireSession();
        boolean own = id.equals(current);
        if (!own) {
            sudo.require(principal);
        }
        Instant now = issuer.now();
        sessions.find(id)
                .filter(session -> session.userId() == principal.userId()
                        && session.revokedAt() == null
                        && now.isBefore(session.expiresAt()))
                .orElseThrow(() -> ApiException.notFound("No live session with this id."));
        ending.end(id, principal.userId(), principal.organizationId(), own ? "logout" : "ended_by_user", client);
    }
}
