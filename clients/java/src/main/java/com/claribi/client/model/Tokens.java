package com.claribi.client.model;

/** The tokens of a session: a short-lived access token and the refresh token that renews it. */
public record Tokens(String access, String refresh) {}
