package com.claribi.report;

import com.claribi.platform.OrganizationTable;
import com.claribi.platform.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reports table, scoped to one organization by every query ({@link OrganizationTable}). */
@Repository
class Reports extends OrganizationTable<Report> {

    /** The writable fields of a report. */
    record Content(
            String name,
            String description,
            @Nullable Long dashboard,
            @Nullable String schedule) {}

    Reports(JdbcClient jdbc, Clock clock) {
        super(jdbc, clock, "reports", "report");
    }

    Report insert(long organizationId, Content content) {
        Inserted row = insert(organizationId, columns(content));
        return view(row.id(), content, row.at(), row.at());
    }

    Report update(long organizationId, Report current, Content content) {
        Instant now = update(organizationId, current.id(), columns(content));
        return view(current.id(), content, current.createdAt(), now);
    }

    private static Columns columns(Content content) {
        return new Columns()
                .set("name", content.name())
                .set("description", content.description())
                .set("dashboard_id", content.dashboard())
                .set("schedule", content.schedule());
    }

    private static Report view(long id, Content content, Instant createdAt, Instant updatedAt) {
        return new Report(
                id,
                content.name(),
                content.description(),
                content.dashboard(),
                content.schedule(),
                createdAt,
                updatedAt);
    }

    @Override
    protected Report map(ResultSet rs) throws SQLException {
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
