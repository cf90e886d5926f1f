package com.claribi.platform;

import org.jspecify.annotations.Nullable;

/**
 * Which page of a list was asked for: {@code page} from 1, {@code page_size} 20 by default and at most 100.
 * The controller reads the query parameters; what was wrong with them is reported when the service first uses the
 * page, after its role checks, so a caller without the role gets 403 whatever the query (as with {@link Submitted}).
 */
public final class PageRequest {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    private final int page;
    private final int size;
    private final @Nullable ApiException refused;

    private PageRequest(int page, int size, @Nullable ApiException refused) {
        this.page = page;
        this.size = size;
        this.refused = refused;
    }

    /** Reads the query parameters; values above 100 are clamped, anything not a positive integer is a 400 on use. */
    public static PageRequest of(@Nullable String page, @Nullable String pageSize) {
        Fields problems = new Fields();
        int number = parse(page, 1, "page", problems);
        int size = parse(pageSize, DEFAULT_SIZE, "page_size", problems);
        @Nullable ApiException refused = problems.found().isEmpty() ? null : ApiException.validation(problems.found());
        return new PageRequest(number, Math.min(size, MAX_SIZE), refused);
    }

    /** The page number, from 1; the {@code validation_error} the query deserves if it was not valid. */
    public int page() {
        checked();
        return page;
    }

    public int size() {
        checked();
        return size;
    }

    public long offset() {
        checked();
        return (long) (page - 1) * size;
    }

    private void checked() {
        if (refused != null) {
            throw refused;
        }
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
