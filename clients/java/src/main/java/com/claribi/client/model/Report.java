package com.claribi.client.model;

import java.time.Instant;

/**
 * A report of the organization; {@code dashboard} is a dashboard id or null, {@code schedule} null, daily, weekly or
 * monthly.
 */
public record Report(
        long id,
        String name,
        String description,
        Long dashboard,
        String schedule,
        Instant createdAt,
        Instant updatedAt) {}
