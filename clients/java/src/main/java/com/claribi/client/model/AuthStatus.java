package com.claribi.client.model;

/** Who the caller is: the user (or service account) and the organization. */
public record AuthStatus(StatusUser user, Organization organization) {}
