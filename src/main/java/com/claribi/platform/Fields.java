package com.claribi.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Collects the problems with a request body's fields and raises one {@code validation_error} listing them all. */
public final class Fields {

    private final Map<String, List<String>> problems = new LinkedHashMap<>();

    public Fields require(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            add(field, "This field is required.");
        }
        return this;
    }

    public Fields add(String field, String problem) {
        problems.computeIfAbsent(field, f -> new ArrayList<>()).add(problem);
        return this;
    }

    /** The problems so far, by field, in the order they were found. */
    Map<String, List<String>> found() {
        return problems;
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
    }
}
