package com.claribi.client;

import com.claribi.client.model.Role;
import com.claribi.client.model.ServiceAccount;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Service accounts ({@code /api/service-accounts/}; administrators, from a session, writes in sudo mode). */
public final class ServiceAccounts {

    private final ApiCalls calls;

    ServiceAccounts(ApiCalls calls) {
        this.calls = calls;
    }

    /** Active and deactivated ones, in id order. */
    public Stream<ServiceAccount> list() {
        return calls.stream("/api/service-accounts/", ServiceAccount.class);
    }

    public ServiceAccount create(String name, Role role) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (role != null) {
            body.put("role", role);
        }
        return calls.post("/api/service-accounts/", body, ServiceAccount.class);
    }

    /** Changes the name, the role, or both (a null one stays). */
    public ServiceAccount update(long id, String name, Role role) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (name != null) {
            body.put("name", name);
        }
        if (role != null) {
            body.put("role", role);
        }
        return calls.patch("/api/service-accounts/" + id + "/", body, ServiceAccount.class);
    }

    /** Deactivates it and revokes all its keys at once. */
    public void deactivate(long id) {
        calls.delete("/api/service-accounts/" + id + "/");
    }

    /** The service account's keys: create, list, revoke, rotate and their activity. */
    public ServiceAccountApiKeys apiKeys(long id) {
        return new ServiceAccountApiKeys(calls, id);
    }
}
