package com.claribi.dashboard;

import com.claribi.platform.OrganizationTable;
import com.claribi.platform.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The dashboards table, scoped to one organization by every query ({@link OrganizationTable}). */
@Repository
class Dashboards extends OrganizationTable<Dashboard> {

    Dashboards(JdbcClient jdbc, Clock clock) {
        super(jdbc, clock, "dashboards", "dashboard");
    }

    Dashboard insert(long organizationId, String name, String description) {
        Inserted row = insert(organizationId, columns(name, description));
        return new Dashboard(row.id(), name, description, row.at(), row.at());
    }

    Dashboard update(long organizationId, Dashboard current, String name, String description) {
        Instant now = update(organizationId, current.id(), columns(name, description));
        return new Dashboard(current.id(), name, description, current.createdAt(), now);
    }

    private static Columns columns(String name, String description) {
        return new Columns().set("name", name).set("description", description);
    }

    @Override
    protected Dashboard map(ResultSet rs) throws SQLException {
        return new Dashboard(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("description"),
                Timestamps.require(rs, "created_at"),
                Timestamps.require(rs, "updated_at"));
    }
}
