package com.claribi.client.model;

/** How the records print a secret in {@code toString()}: {@code ***}, or {@code null} when it is not set. */
final class Redacted {

    private Redacted() {}

    static String of(Object secret) {
        return secret == null ? "null" : "***";
    }
}
