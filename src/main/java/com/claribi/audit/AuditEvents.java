package com.claribi.audit;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;
import com.claribi.platform.Timestamps;
import java.time.Instant;
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

    private static @Nullable String truncate(@Nullable String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
