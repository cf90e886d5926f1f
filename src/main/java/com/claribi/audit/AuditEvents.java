package com.claribi.audit;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;
import com.claribi.platform.Timestamps;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit_events table: append-only. */
@Repository
class AuditEvents {

    private final JdbcClient jdbc;

    AuditEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(SecurityEvent event, Instant at) {
        ClientInfo client = event.client();
        jdbc.sql("""
                insert into audit_events (occurred_at, type, organization_id, user_id, email, client_address,
                                          user_agent, detail)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        Timestamps.toDatabase(at),
                        event.type(),
                        event.organizationId(),
                        event.userId(),
                        truncate(event.email(), 320),
                        client == null ? null : truncate(client.address(), 64),
                        client == null ? null : truncate(client.userAgent(), 512),
                        truncate(event.detail(), 2000))
                .update();
    }

    /** What to list: one organization's events, optionally of one type, one user, and a time range. */
    record Filter(
            long organizationId,
            @Nullable String type,
            @Nullable Long userId,
            @Nullable Instant since,
            @Nullable Instant until) {}

    long count(Filter filter) {
        return where(jdbc.sql("select count(*) from audit_events" + WHERE), filter)
                .query(Long.class)
                .single();
    }

    List<AuditEvent> page(Filter filter, long offset, int limit) {
        return where(
                        jdbc.sql("select * from audit_events" + WHERE + " order by id limit :limit offset :offset"),
                        filter)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> new AuditEvent(
                        rs.getLong("id"),
                        rs.getString("type"),
                        Timestamps.require(rs, "occurred_at"),
                        rs.getObject("user_id", Long.class),
                        rs.getString("email"),
                        rs.getString("client_address"),
                        rs.getString("user_agent"),
                        rs.getString("detail") == null ? "" : rs.getString("detail")))
                .list();
    }

    private static final String WHERE = " where organization_id = :org"
            + " and (cast(:type as varchar(64)) is null or type = :type)"
            + " and (cast(:user as bigint) is null or user_id = :user)"
            + " and (cast(:since as timestamp with time zone) is null or occurred_at >= :since)"
            + " and (cast(:until as timestamp with time zone) is null or occurred_at < :until)";

    private static JdbcClient.StatementSpec where(JdbcClient.StatementSpec statement, Filter filter) {
        return statement
                .param("org", filter.organizationId())
                .param("type", filter.type(), Types.VARCHAR)
                .param("user", filter.userId(), Types.BIGINT)
                .param("since", Timestamps.toDatabase(filter.since()), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("until", Timestamps.toDatabase(filter.until()), Types.TIMESTAMP_WITH_TIMEZONE);
    }

    private static @Nullable String truncate(@Nullable String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
