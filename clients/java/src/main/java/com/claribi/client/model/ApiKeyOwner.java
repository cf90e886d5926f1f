package com.claribi.client.model;

/** Who holds a key of the organization: a user or a service account. */
public record ApiKeyOwner(String type, long id, String name) {}
