package com.claribi.mfa;

import com.claribi.platform.Timestamps;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The mfa_recovery_codes table: hashes of a user's single-use recovery codes, one set at a time. */
@Repository
class RecoveryCodes {

    private final JdbcClient jdbc;

    RecoveryCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the user's set: the previous codes, used or not, stop working. */
    void replace(long userId, List<String> hashes, Instant now) {
        deleteAll(userId);
        for (String hash : hashes) {
            jdbc.sql("insert into mfa_recovery_codes (user_id, code_hash, created_at) values (?, ?, ?)")
                    .params(userId, hash, Timestamps.toDatabase(now))
                    .update();
        }
    }

    /** Spends a code: true for exactly one caller, however many present it at once. */
    boolean use(long userId, String hash, Instant now) {
        return jdbc.sql("""
                update mfa_recovery_codes set used_at = ?
                where user_id = ? and code_hash = ? and used_at is null""").params(Timestamps.toDatabase(now), userId, hash).update() == 1;
    }

    boolean wasUsed(long userId, String hash) {
        return jdbc.sql("select count(*) from mfa_recovery_codes where user_id = ? and code_hash = ?")
                        .params(userId, hash)
                        .query(Long.class)
                        .single()
                > 0;
    }

    int remaining(long userId) {
        return jdbc.sql("select count(*) from mfa_recovery_codes where user_id = ? and used_at is null")
                .param(userId)
                .query(Long.class)
                .single()
                .intValue();
    }

    void deleteAll(long userId) {
        jdbc.sql("delete from mfa_recovery_codes where user_id = ?")
                .param(userId)
                .update();
    }
}
