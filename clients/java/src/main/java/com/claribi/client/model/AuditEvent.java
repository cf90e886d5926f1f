package com.claribi.client.model;

import java.time.Instant;

/** A security event: a sign-in, a failed one, an MFA change, a key created or revoked, a role changed, ... */
public record AuditEvent(
        long id, String type, Instant timestamp, Long user, String email, String ip, String userAgent, String detail) {}
