package com.claribi.identity;

import com.claribi.platform.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The organizations table. */
@Repository
class Organizations {

    private final JdbcClient jdbc;
    private final Clock clock;

    Organizations(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Organization insert(String name, String plan, int aiCredits) {
        Instant now = Timestamps.now(clock);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into organizations (name, plan, ai_credits_remaining, created_at) values (?, ?, ?, ?)")
                .params(name, plan, aiCredits, Timestamps.toDatabase(now))
                .update(keys, "id");
        return new Organization(keys.getKeyAs(Long.class), name, plan, aiCredits, now);
    }

    Optional<Organization> findById(long id) {
        return jdbc.sql("select * from organizations where id = ?")
                .param(id)
                .query(Organizations::map)
                .optional();
    }

    Optional<Organization> findByName(String name) {
        return jdbc
                .sql("select * from organizations where name = ? order by id")
                .param(name)
                .query(Organizations::map)
                .stream()
                .findFirst();
    }

    /**
     * Locks the organization's row until the transaction ends: changes that must see every administrator of the
     * organization (demoting or deactivating one) take this lock first, so two of them cannot both pass the check.
     * The lock is an update of a column no foreign key refers to, which PostgreSQL takes as {@code FOR NO KEY
     * UPDATE}: it does not conflict with the {@code KEY SHARE} locks that inserts of the organization's users,
     * keys and resources take, so they neither wait for it nor deadlock with it ({@code SELECT ... FOR UPDATE}
     * did, with an API key rotation racing a deactivation). H2 locks the row for the update the same way.
     */
    void lock(long id) {
        jdbc.sql("update organizations set name = name where id = ?").param(id).update();
    }

    void rename(long id, String name) {
        jdbc.sql("update organizations set name = ? where id = ?")
                .params(name, id)
                .update();
    }

    boolean isEmpty() {
        return jdbc.sql("select count(*) from organizations").query(Long.class).single() == 0;
    }

    private static Organization map(ResultSet rs, int row) throws SQLException {
        return new Organization(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("plan"),
                rs.getInt("ai_credits_remaining"),
                Timestamps.require(rs, "created_at"));
    }
}
