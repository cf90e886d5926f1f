package com.claribi.client;

import com.claribi.client.model.ApiKey;
import com.claribi.client.model.ApiKeyUse;
import com.claribi.client.model.NewApiKey;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/** The caller's API keys ({@code /api/api-keys/}; managed from a session, not with a key). */
public final class ApiKeys {

    private final ApiCalls calls;
    private final String path;

    ApiKeys(ApiCalls calls, String path) {
        this.calls = calls;
        this.path = path;
    }

    /** Creates a key; the answer's {@link ApiKey#key()} is the secret, shown this once (needs sudo mode). */
    public ApiKey create(NewApiKey key) {
        return calls.post(path, key.toBody(), ApiKey.class);
    }

    /** The keys, never with their secrets. */
    public Stream<ApiKey> list() {
        return calls.stream(path, ApiKey.class);
    }

    public ApiKey get(long id) {
        return calls.get(path + id + "/", ApiKey.class);
    }

    /** Revokes a key: every server process refuses it within a second. */
    public ApiKey revoke(long id) {
        return calls.post(path + id + "/revoke/", null, ApiKey.class);
    }

    /** A new key with the same name, scope and expiry; the old one stops working at once. */
    public ApiKey rotate(long id) {
        return rotate(id, Duration.ZERO);
    }

    /** As {@link #rotate(long)}, the old key working on for {@code gracePeriod} (up to 7 days). */
    public ApiKey rotate(long id, Duration gracePeriod) {
        return calls.post(
                path + id + "/rotate/", Map.of("grace_period_seconds", gracePeriod.toSeconds()), ApiKey.class);
    }

    /** The key's recent uses, newest first. */
    public Stream<ApiKeyUse> activity(long id) {
        return calls.stream(path + id + "/activity/", ApiKeyUse.class);
    }
}
