package com.claribi.datasource;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A data source as the API shows it: {@code config} without its secret values, and {@code secret_fields} naming
 * where a secret value is set.
 */
public record DataSource(
        long id,
        String name,
        String type,
        ObjectNode config,
        List<String> secretFields,
        Instant createdAt,
        Instant updatedAt) {}
