package com.claribi.identity;

import java.time.Instant;

/** A person who signs in to an organization, as other modules see them: never with their password hash. */
public record User(
        long id,
        long organizationId,
        String email,
        String firstName,
        String lastName,
        Role role,
        boolean active,
        Instant createdAt,
        Instant passwordChangedAt) {

    @Override
    public String toString() {
        return "User[id=" + id + ", organizationId=" + organizationId + ", email=" + email + ", role=" + role + "]";
    }
}
