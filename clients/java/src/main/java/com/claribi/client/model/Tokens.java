package com.claribi.client.model;

/** The tokens of a session: a short-lived access token and the refresh token that renews it. */
public record Tokens(String access, String refresh) {

    /** Prints both tokens as {@code ***}. */
    @Override
    public String toString() {
        return "Tokens[access=" + Redacted.of(access) + ", refresh=" + Redacted.of(refresh) + "]";
    }
}
