package com.claribi.apikey;

import com.claribi.platform.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The api_key_activity table, written in batches (refused uses folded by minute), and each key's {@code last_used_at}. */
@Repository
class ApiKeyActivity {

    private final JdbcTemplate template;
    private final JdbcClient jdbc;

    ApiKeyActivity(JdbcTemplate template, JdbcClient jdbc) {
        this.template = template;
        this.jdbc = jdbc;
    }

    void append(List<ApiKeyUse> uses) {
        template.batchUpdate("""
                insert into api_key_activity (api_key_id, occurred_at, method, path, status, ip, user_agent, use_count)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", uses, 500, (statement, use) -> {
            statement.setLong(1, use.apiKeyId());
            statement.setObject(2, Timestamps.toDatabase(use.timestamp()));
            statement.setString(3, use.method());
            statement.setString(4, use.path());
            statement.setInt(5, use.status());
            statement.setString(6, use.ip());
            statement.setString(7, use.userAgent());
            statement.setInt(8, use.count());
        });
        touch(uses);
    }

    /**
     * Adds {@code use.count()} refused uses to the row {@code rowId} (when it still exists), else inserts a row for them;
     * returns the row's id.
     */
    long fold(ApiKeyUse use, @Nullable Long rowId, Instant last) {
        if (rowId != null
                && jdbc.sql("update api_key_activity set use_count = use_count + ? where id = ?")
                                .params(use.count(), rowId)
                                .update()
                        == 1) {
            touch(List.of(use.at(last)));
            return rowId;
        }
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into api_key_activity (api_key_id, occurred_at, method, path, status, ip, user_agent, use_count)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        use.apiKeyId(),
                        Timestamps.toDatabase(use.timestamp()),
                        use.method(),
                        use.path(),
                        use.status(),
                        use.ip(),
                        use.userAgent(),
                        use.count())
                .update(keys, "id");
        touch(List.of(use.at(last)));
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Moves each key's {@code last_used_at} forward to its latest use. */
    private void touch(List<ApiKeyUse> uses) {
        Map<Long, Instant> latest = uses.stream()
                .collect(Collectors.toMap(ApiKeyUse::apiKeyId, ApiKeyUse::timestamp, (a, b) -> a.isAfter(b) ? a : b));
        template.batchUpdate(
                "update api_keys set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)",
                List.copyOf(latest.entrySet()),
                500,
                (statement, entry) -> {
                    statement.setObject(1, Timestamps.toDatabase(entry.getValue()));
                    statement.setLong(2, entry.getKey());
                    statement.setObject(3, Timestamps.toDatabase(entry.getValue()));
                });
    }

    long countOfKey(long apiKeyId) {
        return jdbc.sql("select count(*) from api_key_activity where api_key_id = ?")
                .param(apiKeyId)
                .query(Long.class)
                .single();
    }

    List<ApiKeyUse> pageOfKey(long apiKeyId, long offset, int limit) {
        return jdbc.sql("""
                select * from api_key_activity where api_key_id = :key order by id desc
                limit :limit offset :offset""")
                .param("key", apiKeyId)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> new ApiKeyUse(
                        rs.getLong("api_key_id"),
                        Timestamps.require(rs, "occurred_at"),
                        rs.getString("method"),
                        rs.getString("path"),
                        rs.getInt("status"),
                        rs.getString("ip"),
                        rs.getString("user_agent"),
                        rs.getInt("use_count")))
                .list();
    }

    int deleteOlderThan(Instant cutoff) {
        return jdbc.sql("delete from api_key_activity where occurred_at < ?")
                .param(Timestamps.toDatabase(cutoff))
                .update();
    }
}
