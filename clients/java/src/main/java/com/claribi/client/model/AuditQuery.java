package com.claribi.client.model;

import java.time.Instant;

/** Filters of the audit log; every null one is not applied. {@code since} and {@code until} are inclusive. */
public record AuditQuery(String type, Long user, Instant since, Instant until) {

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null);
    }

    public AuditQuery ofType(String eventType) {
        return new AuditQuery(eventType, user, since, until);
    }

    public AuditQuery ofUser(long userId) {
        return new AuditQuery(type, userId, since, until);
    }

    public AuditQuery between(Instant from, Instant to) {
        return new AuditQuery(type, user, from, to);
    }
}
