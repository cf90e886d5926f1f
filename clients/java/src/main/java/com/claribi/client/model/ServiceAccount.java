package com.claribi.client.model;

import java.time.Instant;

/** A non-human identity of the organization that holds only API keys. */
public record ServiceAccount(long id, String name, Role role, Instant createdAt, Long createdBy, boolean active) {}
