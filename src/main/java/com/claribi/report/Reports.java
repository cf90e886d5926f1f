package com.claribi.report;

import com.claribi.platform.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The reports table. Every method takes the organization and names it in its SQL, so no query can reach another
 * organization's reports.
 */
@Repository
class Reports {

    /** The writable fields of a report. */
    record Content(
            String name,
            String description,
            @Nullable Long dashboard,
            @Nullable String schedule) {}

    private final JdbcClient jdbc;

    Reports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long count(long organizationId) {
        return jdbc.sql("select count(*) from reports where organization_id = ?")
                .param(organizationId)
                .query(Long.class)
                .single();
    }

    List<Report> page(long organizationId, long offset, int limit) {
        return jdbc.sql("""
                select * from reports where organization_id = :organization
                order by id limit :limit offset :offset""")
                .param("organization", organizationId)
                .param("limit", limit)
                .param("offset", offset)
                .query(Reports::map)
                .list();
    }

    Optional<Report> find(long organizationId, long id) {
        return jdbc.sql("select * from reports where organization_id = ? and id = ?")
                .params(organizationId, id)
                .query(Reports::map)
                .optional();
    }

    /** The report, locked until the transaction ends, so concurrent partial updates do not undo each other. */
    Optional<Report> findForUpdate(long organizationId, long id) {
        return jdbc.sql("select * from reports where organization_id = ? and id = ? for update")
                .params(organizationId, id)
                .query(Reports::map)
                .optional();
    }

    Report insert(long organizationId, Content content, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into reports (organization_id, name, description, dashboard_id, schedule, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        organizationId,
                        content.name(),
                        content.description(),
                        content.dashboard(),
                        content.schedule(),
                        Timestamps.toDatabase(now),
                        Timestamps.toDatabase(now))
                .update(keys, "id");
        return view(keys.getKeyAs(Long.class), content, now, now);
    }

    boolean update(long organizationId, long id, Content content, Instant now) {
        return jdbc.sql("""
                update reports set name = ?, description = ?, dashboard_id = ?, schedule = ?, updated_at = ?
                where organization_id = ? and id = ?""")
                        .params(
                                content.name(),
                                content.description(),
                                content.dashboard(),
                                content.schedule(),
                                Timestamps.toDatabase(now),
                                organizationId,
                                id)
                        .update()
                == 1;
    }

    boolean delete(long organizationId, long id) {
        return jdbc.sql("delete from reports where organization_id = ? and id = ?")
                        .params(organizationId, id)
                        .update()
                == 1;
    }

    static Report view(long id, Content content, Instant createdAt, Instant updatedAt) {
        return new Report(
                id,
                content.name(),
                content.description(),
                content.dashboard(),
                content.schedule(),
                createdAt,
                updatedAt);
    }

    private static Report map(ResultSet rs, int row) throws SQLException {
        return new Report(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getObject("dashboard_id", Long.class),
                rs.getString("schedule"),
                Timestamps.require(rs, "created_at"),
                Timestamps.require(rs, "updated_at"));
    }
}
