package com.claribi.identity;

import com.claribi.platform.Timestamps;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The password_resets table: the SHA-256 of each link's token, its user, its expiry, and when it was spent. */
@Repository
class PasswordResetTokens {

    /** A link that can still be used: not spent, not expired. */
    record Usable(long id, long userId) {}

    private final JdbcClient jdbc;

    PasswordResetTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long userId, String tokenHash, Instant createdAt, Instant expiresAt, @Nullable Long createdBy) {
        jdbc.sql("""
                insert into password_resets (user_id, token_hash, created_at, expires_at, created_by)
                values (?, ?, ?, ?, ?)""")
                .params(
                        userId,
                        tokenHash,
                        Timestamps.toDatabase(createdAt),
                        Timestamps.toDatabase(expiresAt),
                        createdBy)
                .update();
    }

    Optional<Usable> findUsable(String tokenHash, Instant now) {
        return jdbc.sql("""
                select id, user_id from password_resets
                where token_hash = ? and used_at is null and expires_at > ?""")
                .params(tokenHash, Timestamps.toDatabase(now))
                .query((rs, row) -> new Usable(rs.getLong("id"), rs.getLong("user_id")))
                .optional();
    }

    /**
     * Spends the link; false when another request spent it first (only one of two concurrent uses wins) or it expired
     * meanwhile (while the new password was being hashed).
     */
    boolean spend(long id, Instant now) {
        return jdbc.sql("update password_resets set used_at = ? where id = ? and used_at is null and expires_at > ?")
                        .params(Timestamps.toDatabase(now), id, Timestamps.toDatabase(now))
                        .update()
                == 1;
    }

    /** Spends every other open link of the user: once the password is reset, older links must not reset it again. */
    void spendAll(long userId, Instant now) {
        jdbc.sql("update password_resets set used_at = ? where user_id = ? and used_at is null")
                .params(Timestamps.toDatabase(now), userId)
                .update();
    }
}
