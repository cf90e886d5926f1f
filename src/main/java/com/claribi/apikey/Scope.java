package com.claribi.apikey;

import org.jspecify.annotations.Nullable;

/** What a key may do on top of its creator's role: only read, or read and write. */
enum Scope {
    READ_ONLY("read_only"),
    READ_WRITE("read_write");

    final String value;

    Scope(String value) {
        this.value = value;
    }

    static @Nullable Scope parse(@Nullable String value) {
        for (Scope scope : values()) {
            if (scope.value.equals(value)) {
                return scope;
            }
        }
        return null;
    }
}
