package com.claribi.token;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.Timestamps;
import com.claribi.ratelimit.AddressKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sessions table: one row per login. Revocation times come from the database's clock at the moment of the change
 * ({@code clock_timestamp()}), so that every server process compares them on one clock when it polls for revocations
 * and a revocation that waited for a lock is not dated before the wait.
 */
@Repository
class Sessions {

    record Session(
            String id,
            long userId,
            Instant createdAt,
            Instant expiresAt,
            String refreshJti,
            @Nullable String previousRefreshJti,
            @Nullable Instant rotatedAt,
            @Nullable Instant revokedAt,
            Instant authenticatedAt,
            Instant lastUsedAt) {}

    /** A live session as its user sees it in the list of their sessions. */
    record Active(
            String id,
            Instant createdAt,
            Instant lastUsedAt,
            @Nullable String clientAddress,
            @Nullable String userAgent) {}

    record Revocation(String sessionId, Instant revokedAt) {}

    private final JdbcClient jdbc;

    private final Clock clock;

    Sessions(JdbcClient jdbc, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    void insert(String id, long userId, Instant now, Instant expiresAt, String refreshJti, ClientInfo client) {
        jdbc.sql("""
                insert into sessions (id, user_id, created_at, authenticated_at, last_used_at, expires_at, refresh_jti,
                                      client_address, client_network, user_agent)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        userId,
                        Timestamps.toDatabase(now),
                        Timestamps.toDatabase(now),
                        Timestamps.toDatabase(now),
                        Timestamps.toDatabase(expiresAt),
                        refreshJti,
                        client.address(),
                        AddressKeys.of(client.address()),
                        client.userAgent())
                .update();
    }

    Optional<Session> find(String id) {
        return jdbc.sql("select * from sessions where id = ?")
                .param(id)
                .query(Sessions::map)
                .optional();
    }

    /**
     * Records a new password proof for a live session of this user (re-authentication); false when the session has
     * ended or expired meanwhile.
     */
    boolean reauthenticated(String id, long userId, Instant now) {
        return jdbc.sql("""
                update sessions set authenticated_at = ?
                where id = ? and user_id = ? and revoked_at is null and expires_at > ?""")
                        .params(Timestamps.toDatabase(now), id, userId, Timestamps.toDatabase(now))
                        .update()
                == 1;
    }

    /** Records that the session was used to get tokens (a refresh). */
    void used(String id, Instant now) {
        jdbc.sql("update sessions set last_used_at = ? where id = ? and last_used_at < ?")
                .params(Timestamps.toDatabase(now), id, Timestamps.toDatabase(now))
                .update();
    }

    /** The user's sessions that have neither ended nor expired, by id. */
    List<Active> live(long userId, Instant now, long offset, int limit) {
        return jdbc.sql("""
                select id, created_at, last_used_at, client_address, user_agent from sessions
                where user_id = ? and revoked_at is null and expires_at > ?
                order by id limit ? offset ?""")
                .params(userId, Timestamps.toDatabase(now), limit, offset)
                .query((rs, row) -> new Active(
                        rs.getString("id"),
                        Timestamps.require(rs, "created_at"),
                        Timestamps.require(rs, "last_used_at"),
                        rs.getString("client_address"),
                        rs.getString("user_agent")))
                .list();
    }

    long countLive(long userId, Instant now) {
        return jdbc.sql("select count(*) from sessions where user_id = ? and revoked_at is null and expires_at > ?")
                .params(userId, Timestamps.toDatabase(now))
                .query(Long.class)
                .single();
    }

    /** Moves the session to a new refresh token id, if nobody else rotated it first. */
    boolean rotate(String id, String expectedJti, String newJti, Instant now) {
        return jdbc.sql("""
                update sessions set previous_refresh_jti = refresh_jti, refresh_jti = ?, rotated_at = ?
                where id = ? and refresh_jti = ? and revoked_at is null""")
                        .params(newJti, Timestamps.toDatabase(now), id, expectedJti)
                        .update()
                == 1;
    }

    /**
     * Ends the session, if it is live. Its row is locked first, so that the revocation time is read from the
     * database's clock after any wait for that lock, close to the commit (see
     * {@link com.claribi.platform.ChangeWatermark}).
     */
    @Transactional
    boolean revoke(String id, String reason) {
        if (jdbc.sql("select id from sessions where id = ? and revoked_at is null for update")
                .param(id)
                .query(String.class)
                .optional()
                .isEmpty()) {
            return false;
        }
        return jdbc.sql("""
                update sessions set revoked_at = clock_timestamp(), revoke_reason = ?
                where id = ? and revoked_at is null""").params(reason, id).update() == 1;
    }

    /**
     * Revokes every live session of the user but {@code keep}; returns the ids of those that ended. The rows are locked
     * first, as in {@link #revoke}.
     */
    @Transactional
    List<String> revokeAll(long userId, @Nullable String keep, String reason) {
        List<String> ids = jdbc.sql("""
                select id from sessions where user_id = ? and revoked_at is null and id <> ?
                order by id for update""")
                .params(userId, keep == null ? "" : keep)
                .query(String.class)
                .list();
        // In slices: a user may have tens of thousands of sessions, and PostgreSQL takes at most 65,535 parameters.
        for (int from = 0; from < ids.size(); from += 1000) {
            List<String> slice = ids.subList(from, Math.min(ids.size(), from + 1000));
            jdbc.sql("""
                    update sessions set revoked_at = clock_timestamp(), revoke_reason = :reason
                    where id in (:ids) and revoked_at is null""").param("reason", reason).param("ids", slice).update();
        }
        return ids;
    }

    List<Revocation> revokedSince(Instant since) {
        return jdbc.sql("select id, revoked_at from sessions where revoked_at >= ?")
                .param(Timestamps.toDatabase(since))
                .query((rs, row) -> new Revocation(rs.getString("id"), Timestamps.require(rs, "revoked_at")))
                .list();
    }

    /**
     * Whether the account has signed in from this address, or another of its IPv6 /64, in the last 30 days (it is its
     * owner's, likely): the block as the throttle counts it, so the two agree on what one client is.
     */
    boolean signedInBefore(String email, String address) {
        return jdbc.sql("""
                select count(*) from sessions s join users u on u.id = s.user_id
                where u.email_normalized = ? and (s.client_network = ? or s.client_address = ?) and s.created_at > ?""")
                        .params(
                                email.trim().toLowerCase(java.util.Locale.ROOT),
                                AddressKeys.of(address),
                                address,
                                Timestamps.toDatabase(clock.instant().minus(java.time.Duration.ofDays(30))))
                        .query(Long.class)
                        .single()
                > 0;
    }

    Instant databaseNow() {
        return jdbc.sql("select current_timestamp")
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
    }

    private static Session map(ResultSet rs, int row) throws SQLException {
        return new Session(
                rs.getString("id"),
                rs.getLong("user_id"),
                Timestamps.require(rs, "created_at"),
                Timestamps.require(rs, "expires_at"),
                rs.getString("refresh_jti"),
                rs.getString("previous_refresh_jti"),
                Timestamps.read(rs, "rotated_at"),
                Timestamps.read(rs, "revoked_at"),
                Timestamps.require(rs, "authenticated_at"),
                Timestamps.require(rs, "last_used_at"));
    }
}
