package com.claribi.client;

import com.claribi.client.model.ApiKey;
import com.claribi.client.model.ApiKeyUse;
import com.claribi.client.model.NewApiKey;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * One service account's API keys ({@code /api/service-accounts/{id}/api-keys/}; administrators, from a session): as
 * {@link ApiKeys} without {@code get}, since the API serves no single key of a service account (find it in {@link
 * #list}).
 */
public final class ServiceAccountApiKeys {

    private final ApiKeys keys;

    ServiceAccountApiKeys(ApiCalls calls, long serviceAccountId) {
        this.keys = new ApiKeys(calls, "/api/service-accounts/" + serviceAccountId + "/api-keys/");
    }

    /** Creates a key; the answer's {@link ApiKey#key()} is the secret, shown this once (needs sudo mode). */
    public ApiKey create(NewApiKey key) {
        return keys.create(key);
    }

    /** The keys, never with their secrets. */
    public Stream<ApiKey> list() {
        return keys.list();
    }

    /** Revokes a key: every server process refuses it within a second. */
    public ApiKey revoke(long id) {
        return keys.revoke(id);
    }

    /** A new key with the same name, scope and expiry; the old one stops working at once (needs sudo mode). */
    public ApiKey rotate(long id) {
        return keys.rotate(id);
    }

    /** As {@link #rotate(long)}, the old key working on for {@code gracePeriod} (up to 7 days). */
    public ApiKey rotate(long id, Duration gracePeriod) {
        return keys.rotate(id, gracePeriod);
    }

    /** The key's recent uses, newest first. */
    public Stream<ApiKeyUse> activity(long id) {
        return keys.activity(id);
    }
}
