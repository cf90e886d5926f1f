package com.claribi.datasource;

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
 * The data_sources table. Every method takes the organization and names it in its SQL, so no query can reach another
 * organization's data sources. Secret values arrive here already encrypted.
 */
@Repository
class DataSources {

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

    private final JdbcClient jdbc;

    DataSources(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long count(long organizationId) {
        return jdbc.sql("select count(*) from data_sources where organization_id = ?")
                .param(organizationId)
                .query(Long.class)
                .single();
    }

    List<Row> page(long organizationId, long offset, int limit) {
        return jdbc.sql("""
                select * from data_sources where organization_id = :organization
                order by id limit :limit offset :offset""")
                .param("organization", organizationId)
                .param("limit", limit)
                .param("offset", offset)
                .query(DataSources::map)
                .list();
    }

    Optional<Row> find(long organizationId, long id) {
        return jdbc.sql("select * from data_sources where organization_id = ? and id = ?")
                .params(organizationId, id)
                .query(DataSources::map)
                .optional();
    }

    /** The row, locked until the transaction ends, so concurrent partial updates do not undo each other. */
    Optional<Row> findForUpdate(long organizationId, long id) {
        return jdbc.sql("select * from data_sources where organization_id = ? and id = ? for update")
                .params(organizationId, id)
                .query(DataSources::map)
                .optional();
    }

    /** A row's place and shown configuration, for a pass over every organization's rows. */
    record Shown(long organizationId, long id, String config) {}

    /** Up to {@code limit} rows of every organization with an id above {@code after}, by id. */
    List<Shown> shownAfter(long after, int limit) {
        return jdbc.sql("select organization_id, id, config from data_sources where id > ? order by id limit ?")
                .params(after, limit)
                .query((rs, row) -> new Shown(rs.getLong("organization_id"), rs.getLong("id"), rs.getString("config")))
                .list();
    }

    /** Inserts a data source without secrets and returns its id; {@link #update} then seals them to that id. */
    long insert(long organizationId, String name, String type, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into data_sources (organization_id, name, type, config, secret_fields, secrets, created_at,
                                          updated_at)
                values (?, ?, ?, '{}', '[]', null, ?, ?)""")
                .params(organizationId, name, type, Timestamps.toDatabase(now), Timestamps.toDatabase(now))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    boolean update(
            long organizationId,
            long id,
            String name,
            String type,
            String config,
            String secretFields,
            @Nullable String secrets,
            Instant now) {
        return jdbc.sql("""
                update data_sources set name = ?, type = ?, config = ?, secret_fields = ?, secrets = ?, updated_at = ?
                where organization_id = ? and id = ?""")
                        .params(
                                name,
                                type,
                                config,
                                secretFields,
                                secrets,
                                Timestamps.toDatabase(now),
                                organizationId,
                                id)
                        .update()
                == 1;
    }

    boolean delete(long organizationId, long id) {
        return jdbc.sql("delete from data_sources where organization_id = ? and id = ?")
                        .params(organizationId, id)
                        .update()
                == 1;
    }

    private static Row map(ResultSet rs, int row) throws SQLException {
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
