package com.claribi.support;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** PUT, PATCH and DELETE with a JSON body, and the checks every organization-scoped resource test shares. */
public final class ResourceRequests {

    /** ISO-8601 UTC, seconds precision, with Z. */
    public static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    private ResourceRequests() {}

    public static TestClient.Response put(TestClient api, String path, Object body, String... headers) {
        return withBody(api, "PUT", path, body, headers);
    }

    public static TestClient.Response patch(TestClient api, String path, Object body, String... headers) {
        return withBody(api, "PATCH", path, body, headers);
    }

    public static TestClient.Response delete(TestClient api, String path, String... headers) {
        return api.send("DELETE", path, HttpRequest.BodyPublishers.noBody(), headers);
    }

    public static TestClient.Response withBody(
            TestClient api, String method, String path, Object body, String... headers) {
        String json = body instanceof String s ? s : TestClient.JSON.writeValueAsString(body);
        List<String> all = new ArrayList<>(List.of(headers));
        all.add("Content-Type");
        all.add("application/json");
        return api.send(method, path, HttpRequest.BodyPublishers.ofString(json), all.toArray(String[]::new));
    }

    /** The ids of one page of a list. */
    public static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.path("results").forEach(object -> ids.add(object.path("id").asLong()));
        return ids;
    }

    /** A session's Authorization header for the account. */
    public static String[] session(TestClient api, ServerIntegrationTest.Account account) {
        return new String[] {"Authorization", api.as(account)};
    }

    /** A new API key of the account with this scope, as an X-API-Key header. */
    public static String[] apiKey(TestClient api, ServerIntegrationTest.Account account, String scope) {
        TestClient.Response created =
                api.post("/api/api-keys/", Map.of("name", "test " + scope, "scope", scope), session(api, account));
        if (created.status() != 201) {
            throw new AssertionError("cannot create a key: " + created.status() + " " + created.text());
        }
        return new String[] {"X-API-Key", created.json().path("key").asString()};
    }
}
