package com.claribi.identity;

import java.time.Instant;

/** A customer of clariBI: every dashboard, report, data source and user belongs to one. */
public record Organization(long id, String name, String plan, int aiCreditsRemaining, Instant createdAt) {}
