package com.claribi.client.model;

/** The caller's organization. */
public record Organization(long id, String name, String plan, long aiCreditsRemaining) {}
