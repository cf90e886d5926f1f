package com.claribi.report;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A report as the API shows it: {@code dashboard} is the id of one of its organization's dashboards, or null. */
public record Report(
        long id,
        String name,
        String description,
        @Nullable Long dashboard,
        @Nullable String schedule,
        Instant createdAt,
        Instant updatedAt) {}
