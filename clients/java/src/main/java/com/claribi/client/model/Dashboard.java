package com.claribi.client.model;

import java.time.Instant;

/** A dashboard of the organization. */
public record Dashboard(long id, String name, String description, Instant createdAt, Instant updatedAt) {}
