package com.claribi.platform;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * A table of organization-scoped objects ({@code id}, {@code organization_id}, {@code created_at}, {@code updated_at}
 * and the object's own columns) that every query names the organization of, so that no query reaches another
 * organization's rows and another organization's object is simply not found.
 */
public abstract class OrganizationTable<T> {

    // Table and column names come from code, never from a request; the pattern keeps it that way.
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String table;
    private final String kind;

    /** {@code kind} names one object in messages: "No {kind} with ID 7 was found." */
    protected OrganizationTable(JdbcClient jdbc, Clock clock, String table, String kind) {
        this.jdbc = Objects.requireNonNull(jdbc);
        this.clock = Objects.requireNonNull(clock);
        this.table = identifier(table);
        this.kind = Objects.requireNonNull(kind);
    }

    /** One row as the module reads it. */
    protected abstract T map(ResultSet rs) throws SQLException;

    /** One page of the organization's objects, ordered by id; a page past the end is 404. */
    public Page<T> page(long organizationId, PageRequest request, PageLinks links) {
        long count = jdbc.sql("select count(*) from " + table + " where organization_id = ?")
                .param(organizationId)
                .query(Long.class)
                .single();
        List<T> results = jdbc.sql("select * from " + table
                        + " where organization_id = :organization order by id limit :limit offset :offset")
                .param("organization", organizationId)
                .param("limit", request.size())
                .param("offset", request.offset())
                .query((rs, row) -> map(rs))
                .list();
        return Page.of(request, count, results, links);
    }

    public Optional<T> find(long organizationId, long id) {
        return select(organizationId, id, "");
    }

    /** The object whose path names {@code id}; 404 when there is none, or it is another organization's. */
    public T get(long organizationId, String id) {
        long parsed = ObjectIds.parse(id, kind);
        return find(organizationId, parsed).orElseThrow(() -> ObjectIds.notFound(kind, parsed));
    }

    /** The row, locked until the transaction ends, so concurrent partial updates do not undo each other. */
    public Optional<T> findForUpdate(long organizationId, long id) {
        return select(organizationId, id, " for update");
    }

    /** {@link #get}, locked until the transaction ends. */
    public T lock(long organizationId, String id) {
        long parsed = ObjectIds.parse(id, kind);
        return findForUpdate(organizationId, parsed).orElseThrow(() -> ObjectIds.notFound(kind, parsed));
    }

    public boolean exists(long organizationId, long id) {
        return jdbc.sql("select count(*) from " + table + " where organization_id = ? and id = ?")
                        .params(organizationId, id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Inserts a row stamped with the injected clock's time, to the second as the API shows it. */
    public Inserted insert(long organizationId, Columns columns) {
        Instant now = now();
        List<String> names = new ArrayList<>(List.of("organization_id"));
        names.addAll(columns.values.keySet());
        names.addAll(List.of("created_at", "updated_at"));
        List<@Nullable Object> values = new ArrayList<>();
        values.add(organizationId);
        values.addAll(columns.values.values());
        values.add(Timestamps.toDatabase(now));
        values.add(Timestamps.toDatabase(now));
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into " + table + " (" + String.join(", ", names) + ") values ("
                        + String.join(", ", names.stream().map(name -> "?").toList()) + ")")
                .params(values)
                .update(keys, "id");
        return new Inserted(Objects.requireNonNull(keys.getKeyAs(Long.class)), now);
    }

    /** Writes the columns and stamps {@code updated_at} with the injected clock's time, which it returns. */
    public Instant update(long organizationId, long id, Columns columns) {
        Instant now = now();
        write(organizationId, id, new Columns(columns).set("updated_at", Timestamps.toDatabase(now)));
        return now;
    }

    /** Writes the columns and leaves {@code updated_at} as it is: for a change that is not the organization's. */
    public void rewrite(long organizationId, long id, Columns columns) {
        write(organizationId, id, columns);
    }

    /** Deletes the object whose path names {@code id}; 404 when there is none, or it is another organization's. */
    public void delete(long organizationId, String id) {
        long parsed = ObjectIds.parse(id, kind);
        if (jdbc.sql("delete from " + table + " where organization_id = ? and id = ?")
                        .params(organizationId, parsed)
                        .update()
                != 1) {
            throw ObjectIds.notFound(kind, parsed);
        }
    }

    /** The database, for a module's queries beyond these (such as a pass over every organization's rows). */
    protected JdbcClient jdbc() {
        return jdbc;
    }

    private Optional<T> select(long organizationId, long id, String lock) {
        return jdbc.sql("select * from " + table + " where organization_id = ? and id = ?" + lock)
                .params(organizationId, id)
                .query((rs, row) -> map(rs))
                .optional();
    }

    private void write(long organizationId, long id, Columns columns) {
        List<@Nullable Object> values = new ArrayList<>(columns.values.values());
        values.add(organizationId);
        values.add(id);
        jdbc.sql("update " + table + " set "
                        + String.join(
                                ", ",
                                columns.values.keySet().stream()
                                        .map(name -> name + " = ?")
                                        .toList()) + " where organization_id = ? and id = ?")
                .params(values)
                .update();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String identifier(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a table or column name: " + name);
        }
        return name;
    }

    /** The id of an inserted row and the time it was stamped with ({@code created_at} and {@code updated_at}). */
    public record Inserted(long id, Instant at) {}

    /** The object's own columns and their values, in the order they are set. */
    public static final class Columns {

        private final Map<String, @Nullable Object> values;

        public Columns() {
            this.values = new LinkedHashMap<>();
        }

        private Columns(Columns columns) {
            this.values = new LinkedHashMap<>(columns.values);
        }

        public Columns set(String column, @Nullable Object value) {
            values.put(identifier(column), value);
            return this;
        }
    }
}
