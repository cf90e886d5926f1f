package com.claribi.mfa;

import com.claribi.platform.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The mfa_totp table: one authenticator per user, pending until a code confirms it. The secret is stored encrypted
 * under the master key; the last accepted time step makes each code single-use across every server process.
 */
@Repository
class TotpEnrolments {

    record Enrolment(
            long userId,
            String sealedSecret,
            boolean enabled,
            Instant createdAt,
            @Nullable Instant confirmedAt,
            @Nullable Long lastUsedStep,
            @Nullable Instant lockedAt) {

        boolean locked() {
            return lockedAt != null;
        }

        @Override
        public String toString() {
            return "Enrolment[userId=" + userId + ", enabled=" + enabled + "]";
        }
    }

    private final JdbcClient jdbc;

    TotpEnrolments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Enrolment> find(long userId) {
        return jdbc.sql("select * from mfa_totp where user_id = ?")
                .param(userId)
                .query(TotpEnrolments::map)
                .optional();
    }

    Optional<Enrolment> findEnabled(long userId) {
        return find(userId).filter(Enrolment::enabled);
    }

    /**
     * Stores a new pending secret, replacing any earlier pending one; false when MFA is already on, whose secret a new
     * enrolment must not replace.
     */
    boolean savePending(long userId, String sealedSecret, Instant now) {
        if (replacePending(userId, sealedSecret, now)) {
            return true;
        }
        if (find(userId).isPresent()) {
            return false;
        }
        try {
            jdbc.sql("""
                    insert into mfa_totp (user_id, secret, enabled, created_at, confirmed_at, last_used_step)
                    values (?, ?, false, ?, null, null)""")
                    .params(userId, sealedSecret, Timestamps.toDatabase(now))
                    .update();
            return true;
        } catch (DuplicateKeyException concurrentSetup) {
            return replacePending(userId, sealedSecret, now);
        }
    }

    private boolean replacePending(long userId, String sealedSecret, Instant now) {
        return jdbc.sql("update mfa_totp set secret = ?, created_at = ? where user_id = ? and enabled = false")
                        .params(sealedSecret, Timestamps.toDatabase(now), userId)
                        .update()
                == 1;
    }

    /** Turns MFA on with the secret a code was checked against; false if a new setup replaced it meanwhile. */
    boolean enable(long userId, String sealedSecret, Instant now) {
        return jdbc.sql("""
                update mfa_totp set enabled = true, confirmed_at = ?
                where user_id = ? and enabled = false and secret = ?""")
                        .params(Timestamps.toDatabase(now), userId, sealedSecret)
                        .update()
                == 1;
    }

    /**
     * Records that the code of {@code step} was accepted, if no code of this or a later step was: one conditional update,
     * atomic in the database, so that of two processes offered the same code only one accepts it.
     */
    boolean useStep(long userId, long step) {
        return jdbc.sql("""
                update mfa_totp set last_used_step = ?
                where user_id = ? and (last_used_step is null or last_used_step < ?)""").params(step, userId, step).update() == 1;
    }

    /**
     * Counts a wrong authenticator code of an enabled authenticator and locks it at the {@code limit}-th consecutive
     * one: one atomic update each, so processes sharing the database count together. Returns true for exactly the
     * request whose code locked it.
     */
    boolean countWrongCode(long userId, int limit, Instant now) {
        jdbc.sql("update mfa_totp set failed_codes = failed_codes + 1 where user_id = ? and enabled = true")
                .param(userId)
                .update();
        return jdbc.sql("""
                update mfa_totp set locked_at = ?
                where user_id = ? and enabled = true and locked_at is null and failed_codes >= ?""").params(Timestamps.toDatabase(now), userId, limit).update() == 1;
    }

    /** A correct authenticator code: the count of consecutive wrong ones starts again. */
    void resetWrongCodes(long userId) {
        jdbc.sql("update mfa_totp set failed_codes = 0 where user_id = ? and failed_codes <> 0")
                .param(userId)
                .update();
    }

    /** A recovery code was accepted: the count starts again and any lock ends; true when it was locked. */
    boolean unlock(long userId) {
        boolean wasLocked = jdbc.sql("update mfa_totp set locked_at = null where user_id = ? and locked_at is not null")
                        .param(userId)
                        .update()
                == 1;
        resetWrongCodes(userId);
        return wasLocked;
    }

    /** Forgets the user's authenticator, pending or on; returns whether MFA was on. */
    boolean delete(long userId) {
        boolean wasOn = findEnabled(userId).isPresent();
        jdbc.sql("delete from mfa_totp where user_id = ?").param(userId).update();
        return wasOn;
    }

    private static Enrolment map(ResultSet rs, int row) throws SQLException {
        long step = rs.getLong("last_used_step");
        @Nullable Long lastUsedStep = rs.wasNull() ? null : step;
        return new Enrolment(
                rs.getLong("user_id"),
                rs.getString("secret"),
                rs.getBoolean("enabled"),
                Timestamps.require(rs, "created_at"),
                Timestamps.read(rs, "confirmed_at"),
                lastUsedStep,
                Timestamps.read(rs, "locked_at"));
    }
}
