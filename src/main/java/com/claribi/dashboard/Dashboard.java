package com.claribi.dashboard;

import java.time.Instant;

/** A dashboard as the API shows it. */
public record Dashboard(long id, String name, String description, Instant createdAt, Instant updatedAt) {}
