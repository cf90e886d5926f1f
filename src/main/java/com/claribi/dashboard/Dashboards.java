package com.claribi.dashboard;

import com.claribi.platform.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The dashboards table. Every method takes the organization and names it in its SQL, so no query can reach another
 * organization's dashboards.
 */
@Repository
class Dashboards {

    private final JdbcClient jdbc;

    Dashboards(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long count(long organizationId) {
        return jdbc.sql("select count(*) from dashboards where organization_id = ?")
                .param(organizationId)
                .query(Long.class)
                .single();
    }

    List<Dashboard> page(long organizationId, long offset, int limit) {
        return jdbc.sql("""
                select * from dashboards where organization_id = :organization
                order by id limit :limit offset :offset""")
                .param("organization", organizationId)
                .param("limit", limit)
                .param("offset", offset)
                .query(Dashboards::map)
                .list();
    }

    Optional<Dashboard> find(long organizationId, long id) {
        return jdbc.sql("select * from dashboards where organization_id = ? and id = ?")
                .params(organizationId, id)
                .query(Dashboards::map)
                .optional();
    }

    /** The dashboard, locked until the transaction ends, so concurrent partial updates do not undo each other. */
    Optional<Dashboard> findForUpdate(long organizationId, long id) {
        return jdbc.sql("select * from dashboards where organization_id = ? and id = ? for update")
                .params(organizationId, id)
                .query(Dashboards::map)
                .optional();
    }

    boolean exists(long organizationId, long id) {
        return jdbc.sql("select count(*) from dashboards where organization_id = ? and id = ?")
                        .params(organizationId, id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Dashboard insert(long organizationId, String name, String description, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into dashboards (organization_id, name, description, created_at, updated_at)
                values (?, ?, ?, ?, ?)""")
                .params(organizationId, name, description, Timestamps.toDatabase(now), Timestamps.toDatabase(now))
                .update(keys, "id");
        return new Dashboard(keys.getKeyAs(Long.class), name, description, now, now);
    }

    boolean update(long organizationId, long id, String name, String description, Instant now) {
        return jdbc.sql("""
                update dashboards set name = ?, description = ?, updated_at = ?
                where organization_id = ? and id = ?""")
                        .params(name, description, Timestamps.toDatabase(now), organizationId, id)
                        .update()
                == 1;
    }

    boolean delete(long organizationId, long id) {
        return jdbc.sql("delete from dashboards where organization_id = ? and id = ?")
                        .params(organizationId, id)
                        .update()
                == 1;
    }

    private static Dashboard map(ResultSet rs, int row) throws SQLException {
        return new Dashboard(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("description"),
                Timestamps.require(rs, "created_at"),
                Timestamps.require(rs, "updated_at"));
    }
}
