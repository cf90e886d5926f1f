package com.claribi.client.model;

import java.time.Instant;

/** A live session of the caller (a sign-in and the refreshes that followed it). */
public record Session(String id, Instant createdAt, Instant lastUsedAt, String ip, String userAgent, boolean current) {}
