package com.claribi.dashboard;

import org.jspecify.annotations.Nullable;

/**
 * A dashboard's writable fields as a client sent them, read from the body by the controller: null stands for a field
 * that keeps its value (a PATCH without it), or for one the reader found a problem with.
 */
public record DashboardInput(
        @Nullable String name, @Nullable String description) {}
