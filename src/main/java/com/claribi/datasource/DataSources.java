package com.claribi.datasource;

import com.claribi.platform.OrganizationTable;
import com.claribi.platform.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The data_sources table, scoped to one organization by every query ({@link OrganizationTable}) but the pass over every
 * row that seals secrets held in clear. Secret values arrive here already encrypted.
 */
@Repository
class DataSources extends OrganizationTable<DataSources.Row> {

    /** A row: {@code config} and {@code secretFields} as JSON text, {@code secrets} sealed under the master key. */
    record Row(
            long id,
            String name,
            String type,
            String config,
            String secretFields,
            @Nullable String secrets,
            Instant createdAt,
            Instant updatedAt) {

        @Override
        public String toString() {
            return "DataSources.Row[id=" + id + ", name=" + name + ", type=" + type + "]";
        }
    }

    DataSources(JdbcClient jdbc, Clock clock) {
        super(jdbc, clock, "data_sources", "data source");
    }

    /** A row's place and shown configuration, for a pass over every organization's rows. */
    record Shown(long organizationId, long id, String config) {}

    /** Up to {@code limit} rows of every organization with an id above {@code after}, by id. */
    List<Shown> shownAfter(long after, int limit) {
        return jdbc().sql("select organization_id, id, config from data_sources where id > ? order by id limit ?")
                .params(after, limit)
                .query((rs, row) -> new Shown(rs.getLong("organization_id"), rs.getLong("id"), rs.getString("config")))
                .list();
    }

    /** Inserts a data source without secrets; its configuration is written next, with its secrets sealed to its id. */
    Inserted insert(long organizationId, String name, String type) {
        return insert(
                organizationId,
                new Columns()
                        .set("name", name)
                        .set("type", type)
                        .set("config", "{}")
                        .set("secret_fields", "[]")
                        .set("secrets", null));
    }

    @Override
    protected Row map(ResultSet rs) throws SQLException {
        return new Row(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("type"),
                rs.getString("config"),
                rs.getString("secret_fields"),
                rs.getString("secrets"),
                Timestamps.require(rs, "created_at"),
                Timestamps.require(rs, "updated_at"));
    }
}
