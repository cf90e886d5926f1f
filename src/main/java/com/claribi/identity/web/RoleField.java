package com.claribi.identity.web;

import com.claribi.identity.Role;
import com.claribi.platform.JsonBody;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The {@code role} field of a user's or a service account's body: administrator, editor or viewer. */
final class RoleField {

    private static final Set<String> ROLES =
            Arrays.stream(Role.values()).map(Role::value).collect(Collectors.toUnmodifiableSet());
    private static final String ROLES_TEXT = "administrator, editor or viewer";

    private RoleField() {}

    /** On creation: the role sent, or null for the default. */
    static @Nullable Role orDefault(JsonBody body) {
        return parsed(body.choiceOrNull("role", ROLES, ROLES_TEXT));
    }

    /** On a change: the new role, or null when none was sent (a {@code null} sent is refused). */
    static @Nullable Role change(JsonBody body) {
        return body.has("role") ? parsed(body.requiredChoice("role", ROLES, ROLES_TEXT)) : null;
    }

    private static @Nullable Role parsed(@Nullable String role) {
        return role == null ? null : Role.parse(role);
    }
}
