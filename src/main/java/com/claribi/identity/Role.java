package com.claribi.identity;

import java.util.Locale;

/** What a user may do in their organization. */
public enum Role {
    ADMINISTRATOR,
    EDITOR,
    VIEWER;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String value) {
        for (Role role : values()) {
            if (role.value().equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("Unknown role " + value + "; use administrator, editor or viewer");
    }
}
