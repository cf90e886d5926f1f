package com.claribi.datasource;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A data source's writable fields as a client sent them, read from the body by the controller: null stands for a
 * field that keeps its value (a PATCH without it), or for one the reader found a problem with. For PUT and POST a
 * missing {@code config} or {@code secrets} is {}.
 */
public record DataSourceInput(
        @Nullable String name,
        @Nullable String type,
        @Nullable ObjectNode config,
        @Nullable ObjectNode secrets) {

    @Override
    public String toString() {
        return "DataSourceInput[name=" + name + ", type=" + type + "]";
    }
}
