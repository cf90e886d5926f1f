package com.claribi.apikey;

import com.claribi.platform.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The api_keys table. Every change sets {@code changed_at} from the database's clock at the moment of the change
 * ({@code clock_timestamp()}), which other processes poll.
 */
@Repository
class ApiKeys {

    /** A key found by its hash, with whether its owner (a user, or a service account) is still active. */
    record Found(ApiKey key, boolean ownerActive, boolean ownerIsServiceAccount) {}

    /** A key with its owner, for the organization's list of keys. */
    record Owned(ApiKey key, boolean serviceAccount, String ownerName) {}

    private final JdbcClient jdbc;

    ApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ApiKey insert(
            long userId,
            long organizationId,
            String name,
            String prefix,
            String secretHash,
            Scope scope,
            Instant now,
            @Nullable Instant expiresAt,
            @Nullable Long rotatedFrom) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into api_keys (user_id, organization_id, name, prefix, secret_hash, scope, created_at,
                                      expires_at, rotated_from, changed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, clock_timestamp())""")
                .params(
                        userId,
                        organizationId,
                        name,
                        prefix,
                        secretHash,
                        scope.value,
                        Timestamps.toDatabase(now),
                        Timestamps.toDatabase(expiresAt),
                        rotatedFrom)
                .update(keys, "id");
        return new ApiKey(
                keys.getKeyAs(Long.class),
                userId,
                organizationId,
                name,
                prefix,
                secretHash,
                scope,
                now,
                expiresAt,
                null,
                null,
                rotatedFrom);
    }

    Optional<Found> findByHash(String secretHash) {
        return jdbc.sql("""
                select k.*, u.active as owner_active, u.service_account as owner_service_account
                from api_keys k join users u on u.id = k.user_id
                where k.secret_hash = ?""")
                .param(secretHash)
                .query((rs, row) ->
                        new Found(map(rs, row), rs.getBoolean("owner_active"), rs.getBoolean("owner_service_account")))
                .optional();
    }

    Optional<ApiKey> findOfUser(long id, long userId) {
        return jdbc.sql("select * from api_keys where id = ? and user_id = ?")
                .params(id, userId)
                .query(ApiKeys::map)
                .optional();
    }

    /** Any key of the organization: an administrator's oversight. */
    Optional<Owned> findInOrganization(long id, long organizationId) {
        return jdbc.sql(OWNED + " where k.id = ? and k.organization_id = ?")
                .params(id, organizationId)
                .query(ApiKeys::owned)
                .optional();
    }

    long countOfOrganization(long organizationId) {
        return jdbc.sql("select count(*) from api_keys where organization_id = ?")
                .param(organizationId)
                .query(Long.class)
                .single();
    }

    List<Owned> pageOfOrganization(long organizationId, long offset, int limit) {
        return jdbc.sql(OWNED + " where k.organization_id = :organization order by k.id limit :limit offset :offset")
                .param("organization", organizationId)
                .param("limit", limit)
                .param("offset", offset)
                .query(ApiKeys::owned)
                .list();
    }

    private static final String OWNED = """
            select k.*, u.service_account as owner_service_account, u.email as owner_email,
                   u.first_name as owner_first_name, u.last_name as owner_last_name
            from api_keys k join users u on u.id = k.user_id""";

    private static Owned owned(ResultSet rs, int row) throws SQLException {
        boolean serviceAccount = rs.getBoolean("owner_service_account");
        String fullName = (rs.getString("owner_first_name") + " " + rs.getString("owner_last_name")).trim();
        return new Owned(
                map(rs, row),
                serviceAccount,
                serviceAccount || !fullName.isEmpty() ? fullName : rs.getString("owner_email"));
    }

    long countOfUser(long userId) {
        return jdbc.sql("select count(*) from api_keys where user_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
    }

    long countUsableOfUser(long userId, Instant now) {
        return jdbc.sql("""
                select count(*) from api_keys where user_id = ? and (revoked_at is null or revoked_at > ?)
                  and (expires_at is null or expires_at > ?)""")
                .params(userId, Timestamps.toDatabase(now), Timestamps.toDatabase(now))
                .query(Long.class)
                .single();
    }

    List<ApiKey> pageOfUser(long userId, long offset, int limit) {
        return jdbc.sql("select * from api_keys where user_id = :user order by id limit :limit offset :offset")
                .param("user", userId)
                .param("limit", limit)
                .param("offset", offset)
                .query(ApiKeys::map)
                .list();
    }

    /**
     * Sets when the key stops working, unless it already stops earlier; returns whether anything changed. The row is
     * locked first, so that {@code changed_at} is read from the database's clock after any wait for that lock, close to
     * the commit (see {@link com.claribi.platform.ChangeWatermark}).
     */
    @Transactional
    boolean revoke(long id, Instant at) {
        return stop(id, at, "(revoked_at is null or revoked_at > :at)");
    }

    /**
     * Ends a key that nothing has revoked or rotated yet, at {@code at} (a rotation's grace period may put it ahead):
     * false when something already has, so that of two rotations of one key at once only one takes its place. Locked
     * first, as in {@link #revoke}.
     */
    @Transactional
    boolean retire(long id, Instant at) {
        return stop(id, at, "revoked_at is null");
    }

    /** Sets the key's {@code revoked_at} to {@code at} if it matches {@code working}, once its row is locked. */
    private boolean stop(long id, Instant at, String working) {
        OffsetDateTime when = Timestamps.toDatabase(at);
        if (jdbc.sql("select id from api_keys where id = :id and " + working + " for update")
                .param("id", id)
                .param("at", when)
                .query(Long.class)
                .optional()
                .isEmpty()) {
            return false;
        }
        return jdbc.sql("update api_keys set revoked_at = :at, changed_at = clock_timestamp() where id = :id and "
                                + working)
                        .param("id", id)
                        .param("at", when)
                        .update()
                == 1;
    }

    /** Revokes every key of the user still working at {@code at}; the rows are locked first, as in {@link #revoke}. */
    @Transactional
    int revokeAllOfUser(long userId, Instant at) {
        List<Long> ids = jdbc.sql("""
                select id from api_keys where user_id = ? and (revoked_at is null or revoked_at > ?)
                order by id for update""")
                .params(userId, Timestamps.toDatabase(at))
                .query(Long.class)
                .list();
        int revoked = 0;
        // In slices, as for sessions: PostgreSQL takes at most 65,535 parameters in one statement.
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Long> slice = ids.subList(from, Math.min(ids.size(), from + 1000));
            revoked += jdbc.sql("""
                    update api_keys set revoked_at = :at, changed_at = clock_timestamp()
                    where id in (:ids) and (revoked_at is null or revoked_at > :at)""")
                    .param("at", Timestamps.toDatabase(at))
                    .param("ids", slice)
                    .update();
        }
        return revoked;
    }

    List<String> hashesOfUser(long userId) {
        return jdbc.sql("select secret_hash from api_keys where user_id = ?")
                .param(userId)
                .query(String.class)
                .list();
    }

    /** The hashes of keys changed at or after {@code since}, and the newest change time seen. */
    List<Change> changedSince(Instant since) {
        return jdbc.sql("select secret_hash, changed_at from api_keys where changed_at >= ?")
                .param(Timestamps.toDatabase(since))
                .query((rs, row) -> new Change(rs.getString("secret_hash"), Timestamps.require(rs, "changed_at")))
                .list();
    }

    record Change(String secretHash, Instant changedAt) {}

    Instant databaseNow() {
        return jdbc.sql("select current_timestamp")
                .query(java.time.OffsetDateTime.class)
                .single()
                .toInstant();
    }

    static ApiKey map(ResultSet rs, int row) throws SQLException {
        return new ApiKey(
                rs.getLong("id"),
                rs.getLong("user_id"),
                rs.getLong("organization_id"),
                rs.getString("name"),
                rs.getString("prefix"),
                rs.getString("secret_hash"),
                Scope.parse(rs.getString("scope")) == null ? Scope.READ_ONLY : Scope.parse(rs.getString("scope")),
                Timestamps.require(rs, "created_at"),
                Timestamps.read(rs, "expires_at"),
                Timestamps.read(rs, "last_used_at"),
                Timestamps.read(rs, "revoked_at"),
                rs.getObject("rotated_from", Long.class));
    }
}
