package com.claribi.platform;

import org.jspecify.annotations.Nullable;

/** Which page of a list was asked for: {@code page} from 1, {@code page_size} 20 by default and at most 100. */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    /** Reads the query parameters; values above 100 are clamped, anything not a positive integer is a 400. */
    public static PageRequest of(@Nullable String page, @Nullable String pageSize) {
        Fields problems = new Fields();
        int number = parse(page, 1, "page", problems);
        int size = parse(pageSize, DEFAULT_SIZE, "page_size", problems);
        problems.throwIfAny();
        return new PageRequest(number, Math.min(size, MAX_SIZE));
    }

    public long offset() {
        return (long) (page - 1) * size;
    }

    private static int parse(@Nullable String value, int fallback, String name, Fields problems) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name, "Must be a whole number of at least 1.");
        return fallback;
    }
}
