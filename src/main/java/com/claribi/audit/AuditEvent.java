package com.claribi.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One stored security event, as the API lists it. */
public record AuditEvent(
        long id,
        String type,
        Instant timestamp,
        @Nullable Long user,
        @Nullable String email,
        @Nullable String ip,
        @Nullable String userAgent,
        String detail) {}
