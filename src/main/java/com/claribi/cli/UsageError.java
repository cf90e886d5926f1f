package com.claribi.cli;

/** A value the command cannot use (a role that does not exist, no password on standard input): exit code 2. */
final class UsageError extends RuntimeException {

    UsageError(String message) {
        super(message);
    }

    /** {@code value}, unless it is blank (picocli checks that a required option is there, not that it says something). */
    static String nonBlank(String value, String option) {
        if (value.isBlank()) {
            throw new UsageError("Missing " + option);
        }
        return value;
    }
}
