package com.claribi.client;

import com.claribi.client.model.ApiKey;
import com.claribi.client.model.Organization;
import java.util.Map;
import java.util.stream.Stream;

/** The caller's organization ({@code /api/organization/}) and, for administrators, every key of it. */
public final class Organizations {

    private final ApiCalls calls;

    Organizations(ApiCalls calls) {
        this.calls = calls;
    }

    public Organization get() {
        return calls.get("/api/organization/", Organization.class);
    }

    /** Renames the organization (administrators, session in sudo mode). */
    public Organization rename(String name) {
        return calls.patch("/api/organization/", Map.of("name", name), Organization.class);
    }

    /** Every key of the organization, users' and service accounts', each with its {@link ApiKey#owner()}. */
    public Stream<ApiKey> apiKeys() {
        return calls.stream("/api/organization/api-keys/", ApiKey.class);
    }

    /** Revokes any key of the organization. */
    public ApiKey revokeApiKey(long id) {
        return calls.post("/api/organization/api-keys/" + id + "/revoke/", null, ApiKey.class);
    }
}
