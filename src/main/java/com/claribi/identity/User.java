package com.claribi.identity;

import java.time.Instant;

/**
 * A person who signs in to an organization, or a service account (an identity for integrations that holds only API keys:
 * no email, no password, its name in {@code firstName}), as other modules see them: never with a password hash.
 */
public record User(
        long id,
        long organizationId,
        String email,
        String firstName,
        String lastName,
        Role role,
        boolean active,
        Instant createdAt,
        Instant passwordChangedAt,
        boolean serviceAccount) {

    @Override
    public String toString() {
        return "User[id=" + id + ", organizationId=" + organizationId + ", email=" + email + ", role=" + role
                + (serviceAccount ? ", serviceAccount" : "") + "]";
    }
}
