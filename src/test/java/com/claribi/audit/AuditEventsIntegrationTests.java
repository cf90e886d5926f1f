package com.claribi.audit;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Security events are recorded where they happen and listed to administrators, one page at a time. */
class AuditEventsIntegrationTests extends ServerIntegrationTest {

    @Test
    void loginsLogoutsAndPasswordChangesAreRecordedWithAddressAndUserAgent() {
        Account admin = newUser(Role.ADMINISTRATOR);
        api.post(
                "/api/auth/login/",
                Map.of("email", admin.email(), "password", "wrong password here"),
                "User-Agent",
                "audit-test/1.0");
        Map<String, String> tokens = api.login(admin.email(), admin.password());
        Map<String, String> other = api.login(admin.email(), admin.password());
        api.post("/api/auth/logout/", Map.of("refresh", other.get("refresh")));
        api.post(
                "/api/auth/password/",
                Map.of("old_password", admin.password(), "new_password", "a brand new passphrase 42"),
                "Authorization",
                TestClient.bearer(tokens.get("access")));

        JsonNode events = api.get("/api/audit-events/?page_size=100", "Authorization", bearer(tokens))
                .json();
        List<String> types = events.path("results").findValuesAsString("type");
        assertThat(types)
                .containsSubsequence(
                        "user_created",
                        "login_failed",
                        "login_succeeded",
                        "login_succeeded",
                        "sessions_revoked",
                        "password_changed");
        JsonNode failed = find(events, "login_failed");
        assertThat(failed.path("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(failed.path("user_agent").asString()).isEqualTo("audit-test/1.0");
        assertThat(failed.path("email").asString()).isEqualTo(admin.email());
        assertThat(failed.path("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(events.toString()).doesNotContain("wrong password here", admin.password());
    }

    @Test
    void listIsPaginatedWithAbsoluteLinks() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Map<String, String> tokens = api.login(admin.email(), admin.password());
        api.login(admin.email(), admin.password());
        TestClient.Response first = api.get("/api/audit-events/?page_size=1", "Authorization", bearer(tokens));
        assertThat(first.status()).isEqualTo(200);
        JsonNode page = first.json();
        assertThat(page.path("count").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(page.path("results")).hasSize(1);
        assertThat(page.path("previous").isNull()).isTrue();
        assertThat(page.path("next").asString()).isEqualTo(api.baseUrl() + "/api/audit-events/?page_size=1&page=2");

        JsonNode second = api.get(page.path("next").asString(), "Authorization", bearer(tokens))
                .json();
        assertThat(second.path("previous").asString())
                .isEqualTo(api.baseUrl() + "/api/audit-events/?page_size=1&page=1");
        assertThat(second.path("results").get(0).path("id").asLong())
                .isGreaterThan(page.path("results").get(0).path("id").asLong());
    }

    @Test
    void pagePastTheEndThenNotFound() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Map<String, String> tokens = api.login(admin.email(), admin.password());
        TestClient.Response response = api.get("/api/audit-events/?page=1000", "Authorization", bearer(tokens));
        assertThat(response).isError(404, "not_found");
    }

    @Test
    void pageSizeAbove100IsClamped() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Map<String, String> tokens = api.login(admin.email(), admin.password());
        for (int i = 0; i < 100; i++) {
            api.post("/api/auth/login/", Map.of("email", admin.email(), "password", ""));
        }
        TestClient.Response response = api.get("/api/audit-events/?page_size=500", "Authorization", bearer(tokens));
        assertThat(response.status()).isEqualTo(200);
        // Empty passwords are validation errors, not login attempts: only real events count here.
        assertThat(response.json().path("results").size()).isLessThanOrEqualTo(100);
    }

    @Test
    void invalidPageParametersThenValidationError() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Map<String, String> tokens = api.login(admin.email(), admin.password());
        for (String query : new String[] {"page=0", "page=abc", "page_size=-5", "since=yesterday"}) {
            TestClient.Response response = api.get("/api/audit-events/?" + query, "Authorization", bearer(tokens));
            assertThat(response).as(query).isError(400, "validation_error");
        }
    }

    @Test
    void filterByTypeAndUser() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Map<String, String> tokens = api.login(admin.email(), admin.password());
        JsonNode logins = api.get(
                        "/api/audit-events/?type=login_succeeded&user="
                                + admin.user().id(),
                        "Authorization",
                        bearer(tokens))
                .json();
        assertThat(logins.path("count").asLong()).isEqualTo(1);
        assertThat(logins.path("results").get(0).path("user").asLong())
                .isEqualTo(admin.user().id());
        JsonNode none = api.get("/api/audit-events/?since=2999-01-01T00:00:00Z", "Authorization", bearer(tokens))
                .json();
        assertThat(none.path("count").asLong()).isZero();
    }

    @Test
    void filterByTimeRangeIncludesBothEnds() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Map<String, String> tokens = api.login(admin.email(), admin.password());
        JsonNode login = find(
                api.get("/api/audit-events/?type=login_succeeded", "Authorization", bearer(tokens))
                        .json(),
                "login_succeeded");
        Instant at = Instant.parse(login.path("timestamp").asString());
        String id = login.path("id").asString();

        assertThat(ids(tokens, "since=" + at + "&until=" + at)).contains(id);
        assertThat(ids(tokens, "since=" + at.minusSeconds(60) + "&until=" + at.plusSeconds(60)))
                .contains(id);
        assertThat(ids(tokens, "until=" + at.minusSeconds(1))).doesNotContain(id);
        assertThat(ids(tokens, "since=" + at.plusSeconds(1))).doesNotContain(id);
        assertThat(ids(tokens, "type=login_succeeded&user=" + admin.user().id() + "&since=" + at))
                .containsExactly(id);
        for (String outOfRange : List.of(
                "until=%2B999999999-12-31T23:59:59Z",
                "until=%2B1000000000-12-31T23:59:59Z",
                "since=-1000000000-01-01T00:00:00Z",
                "since=10000-01-01T00:00:00Z")) {
            TestClient.Response response = api.get("/api/audit-events/?" + outOfRange, "Authorization", bearer(tokens));
            assertThat(response).as(outOfRange).isError(400, "validation_error");
        }
    }

    @Test
    void eventsCannotBeChangedOrDeletedThroughTheApi() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Map<String, String> tokens = api.login(admin.email(), admin.password());
        JsonNode event = api.get("/api/audit-events/", "Authorization", bearer(tokens))
                .json()
                .path("results")
                .get(0);
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            for (String path : List.of(
                    "/api/audit-events/",
                    "/api/audit-events/" + event.path("id").asLong() + "/")) {
                TestClient.Response response = api.send(
                        method,
                        path,
                        HttpRequest.BodyPublishers.ofString("{\"type\": \"nothing_happened\"}"),
                        "Authorization",
                        bearer(tokens),
                        "Content-Type",
                        "application/json");
                assertThat(response.status()).as(method + " " + path).isIn(404, 405);
                assertThat(response.error()).as(method + " " + path).isIn("not_found", "method_not_allowed");
            }
        }
        JsonNode after = api.get("/api/audit-events/", "Authorization", bearer(tokens))
                .json()
                .path("results")
                .get(0);
        assertThat(after).isEqualTo(event);
    }

    private List<String> ids(Map<String, String> tokens, String query) {
        TestClient.Response response =
                api.get("/api/audit-events/?page_size=100&" + query, "Authorization", bearer(tokens));
        assertThat(response.status()).as(query + ": " + response.text()).isEqualTo(200);
        return response.json().path("results").findValuesAsString("id");
    }

    @Test
    void auditEventsWhenNotAdministratorThenPermissionDenied() {
        Account viewer = newUser(Role.VIEWER);
        Map<String, String> tokens = api.login(viewer.email(), viewer.password());
        TestClient.Response response = api.get("/api/audit-events/", "Authorization", bearer(tokens));
        assertThat(response).isError(403, "permission_denied");
        assertThat(api.get("/api/audit-events/?page=0&page_size=x", "Authorization", bearer(tokens)))
                .as("the role is checked before the query")
                .isError(403, "permission_denied");
    }

    @Test
    void otherOrganizationsEventsAreNeverListed() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account stranger = newUser(Role.ADMINISTRATOR);
        api.login(stranger.email(), stranger.password());
        Map<String, String> tokens = api.login(admin.email(), admin.password());
        JsonNode events = api.get("/api/audit-events/?page_size=100", "Authorization", bearer(tokens))
                .json();
        assertThat(events.toString()).doesNotContain(stranger.email());
    }

    private static String bearer(Map<String, String> tokens) {
        return TestClient.bearer(tokens.get("access"));
    }

    private static JsonNode find(JsonNode page, String type) {
        for (JsonNode event : page.path("results")) {
            if (event.path("type").asString().equals(type)) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " event in " + page);
    }
}
