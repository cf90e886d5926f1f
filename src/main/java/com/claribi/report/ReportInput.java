package com.claribi.report;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A report's writable fields as a client sent them, read from the body by the controller; {@code sent} names the
 * fields that change (all of them for PUT, those in the body for PATCH), since null is a value of some.
 */
public record ReportInput(
        @Nullable String name,
        @Nullable String description,
        @Nullable Long dashboard,
        @Nullable String schedule,
        Set<String> sent) {

    public ReportInput {
        sent = Set.copyOf(sent);
    }

    /** The sent value of {@code field}, else {@code current}. */
    <T> @Nullable T or(String field, @Nullable T sent, @Nullable T current) {
        return this.sent.contains(field) ? sent : current;
    }
}
