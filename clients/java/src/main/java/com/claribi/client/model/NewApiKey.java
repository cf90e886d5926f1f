package com.claribi.client.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An API key to create: its name, scope and expiry. {@link #of} leaves the expiry to the server (90 days), {@link
 * #expiringAt} sets one, {@link #neverExpiring} asks for none.
 */
public record NewApiKey(String name, ApiKeyScope scope, Expiry expiry, Instant expiresAt) {

    /** How the key's expiry is stated. */
    public enum Expiry {
        SERVER_DEFAULT,
        AT,
        NEVER
    }

    public NewApiKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(expiry, "expiry");
        if ((expiry == Expiry.AT) != (expiresAt != null)) {
            throw new IllegalArgumentException("expiresAt is set exactly when expiry is AT");
        }
    }

    public static NewApiKey of(String name, ApiKeyScope scope) {
        return new NewApiKey(name, scope, Expiry.SERVER_DEFAULT, null);
    }

    public NewApiKey expiringAt(Instant when) {
        return new NewApiKey(name, scope, Expiry.AT, Objects.requireNonNull(when, "when"));
    }

    public NewApiKey neverExpiring() {
        return new NewApiKey(name, scope, Expiry.NEVER, null);
    }

    /** The request body: {@code expires_at} absent, a timestamp, or an explicit null. */
    public Map<String, Object> toBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("scope", scope);
        switch (expiry) {
            case AT -> body.put("expires_at", expiresAt.toString());
            case NEVER -> body.put("expires_at", null);
            case SERVER_DEFAULT -> {}
        }
        return body;
    }
}
