package com.claribi.client.model;

import java.time.Instant;

/** A user of the organization, as administrators see it. */
public record User(
        long id, String email, String firstName, String lastName, Role role, boolean active, Instant createdAt) {}
