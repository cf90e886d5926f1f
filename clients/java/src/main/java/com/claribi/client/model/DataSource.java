package com.claribi.client.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A data source of the organization; its secrets are never returned, {@code secretFields} says where they are set. */
public record DataSource(
        long id,
        String name,
        String type,
        Map<String, Object> config,
        List<String> secretFields,
        Instant createdAt,
        Instant updatedAt) {}
