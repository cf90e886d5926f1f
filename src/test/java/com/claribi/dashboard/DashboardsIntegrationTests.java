package com.claribi.dashboard;

import static com.claribi.support.ResourceRequests.TIMESTAMP;
import static com.claribi.support.ResourceRequests.delete;
import static com.claribi.support.ResourceRequests.ids;
import static com.claribi.support.ResourceRequests.patch;
import static com.claribi.support.ResourceRequests.put;
import static com.claribi.support.ResourceRequests.session;
import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.platform.Timestamps;
import com.claribi.support.ScaleRows;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Dashboards in the Quick Start's formats: objects, lists and their pages, replacement, partial change, errors. */
class DashboardsIntegrationTests extends ServerIntegrationTest {

    private static final String DASHBOARDS = "/api/dashboards/";

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private DataSource dataSource;

    private Account admin;
    private String[] auth;

    @BeforeEach
    void signIn() {
        admin = newUser(Role.ADMINISTRATOR);
        auth = session(api, admin);
    }

    @Test
    void createThenGetInTheQuickStartFormat() {
        TestClient.Response created =
                api.post(DASHBOARDS, Map.of("name", "Revenue Dashboard", "description", "Monthly revenue"), auth);
        assertThat(created.status()).isEqualTo(201);
        JsonNode dashboard = created.json();
        assertThat(dashboard.path("id").isIntegralNumber()).isTrue();
        long id = dashboard.path("id").asLong();
        assertThat(dashboard.path("name").asString()).isEqualTo("Revenue Dashboard");
        assertThat(dashboard.path("description").asString()).isEqualTo("Monthly revenue");
        assertThat(dashboard.path("created_at").asString()).matches(TIMESTAMP);
        assertThat(dashboard.path("updated_at").asString())
                .isEqualTo(dashboard.path("created_at").asString());
        assertThat(created.header("Location")).isEqualTo(api.baseUrl() + DASHBOARDS + id + "/");

        TestClient.Response one = api.get(DASHBOARDS + id + "/", auth);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json()).isEqualTo(dashboard);
        assertThat(api.get("/api/dashboards/" + id, auth).json()).isEqualTo(dashboard);
    }

    @Test
    void descriptionDefaultsToEmpty() {
        JsonNode dashboard =
                api.post(DASHBOARDS, Map.of("name", "Marketing Funnel"), auth).json();
        assertThat(dashboard.path("description").isString()).isTrue();
        assertThat(dashboard.path("description").asString()).isEmpty();
    }

    @Test
    void listIsTheQuickStartEnvelopeOrderedById() {
        long first = create("Revenue Dashboard");
        long second = create("Marketing Funnel");
        TestClient.Response response = api.get(DASHBOARDS, auth);
        assertThat(response.status()).isEqualTo(200);
        JsonNode page = response.json();
        assertThat(page.propertyNames()).containsExactlyInAnyOrder("count", "next", "previous", "results");
        assertThat(page.path("count").asLong()).isEqualTo(2);
        assertThat(page.path("next").isNull()).isTrue();
        assertThat(page.path("previous").isNull()).isTrue();
        assertThat(ids(page)).containsExactly(first, second);
        assertThat(page.path("results").get(0).path("name").asString()).isEqualTo("Revenue Dashboard");
        assertThat(page.path("results").get(0).path("created_at").asString()).matches(TIMESTAMP);
    }

    @Test
    void secondPageThroughAbsoluteLinks() {
        long first = create("one");
        long second = create("two");
        long third = create("three");
        JsonNode page = api.get(DASHBOARDS + "?page_size=2", auth).json();
        assertThat(page.path("count").asLong()).isEqualTo(3);
        assertThat(ids(page)).containsExactly(first, second);
        String next = page.path("next").asString();
        assertThat(next).startsWith("https://").isEqualTo(api.baseUrl() + DASHBOARDS + "?page_size=2&page=2");

        JsonNode last = api.get(next, auth).json();
        assertThat(ids(last)).containsExactly(third);
        assertThat(last.path("next").isNull()).isTrue();
        assertThat(last.path("previous").asString()).isEqualTo(api.baseUrl() + DASHBOARDS + "?page_size=2&page=1");
    }

    @Test
    void pageSizeAbove100IsClampedTo100() {
        insertDirectly(admin.user().organizationId(), 101);
        JsonNode page = api.get(DASHBOARDS + "?page_size=500", auth).json();
        assertThat(page.path("count").asLong()).isEqualTo(101);
        assertThat(page.path("results")).hasSize(100);
        assertThat(page.path("next").asString()).isEqualTo(api.baseUrl() + DASHBOARDS + "?page_size=500&page=2");
        JsonNode second = api.get(page.path("next").asString(), auth).json();
        assertThat(second.path("results")).hasSize(1);
        assertThat(ids(second).get(0)).isGreaterThan(ids(page).get(99));
    }

    @Test
    void pagePastTheEndThenNotFound() {
        create("only");
        TestClient.Response response = api.get(DASHBOARDS + "?page=2", auth);
        assertThat(response).isError(404, "not_found");
        assertThat(api.get(DASHBOARDS + "?page=0", auth).error()).isEqualTo("validation_error");
    }

    @Test
    void putReplacesEveryFieldAndResetsMissingOnes() {
        JsonNode created = api.post(DASHBOARDS, Map.of("name", "Old", "description", "old text"), auth)
                .json();
        long id = created.path("id").asLong();
        TestClient.Response replaced = put(api, DASHBOARDS + id + "/", Map.of("name", "New"), auth);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().path("name").asString()).isEqualTo("New");
        assertThat(replaced.json().path("description").asString()).isEmpty();
        assertThat(replaced.json().path("created_at")).isEqualTo(created.path("created_at"));
        assertThat(api.get(DASHBOARDS + id + "/", auth).json()).isEqualTo(replaced.json());

        TestClient.Response withoutName = put(api, DASHBOARDS + id + "/", Map.of("description", "x"), auth);
        assertThat(withoutName.status()).isEqualTo(400);
        assertThat(withoutName.json().path("fields").has("name")).isTrue();
    }

    @Test
    void putAcceptsTheObjectAsReturned() {
        JsonNode created =
                api.post(DASHBOARDS, Map.of("name", "Round trip"), auth).json();
        Map<String, Object> body = TestClient.JSON.convertValue(created, Map.class);
        body.put("description", "changed");
        TestClient.Response replaced = put(api, DASHBOARDS + created.path("id").asLong() + "/", body, auth);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().path("description").asString()).isEqualTo("changed");
    }

    @Test
    void patchChangesOnlyTheFieldsSent() {
        long id = api.post(DASHBOARDS, Map.of("name", "Name", "description", "Description"), auth)
                .json()
                .path("id")
                .asLong();
        TestClient.Response patched = patch(api, DASHBOARDS + id + "/", Map.of("description", "New description"), auth);
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().path("name").asString()).isEqualTo("Name");
        assertThat(patched.json().path("description").asString()).isEqualTo("New description");
        assertThat(patch(api, DASHBOARDS + id + "/", Map.of("name", "Renamed"), auth)
                        .json()
                        .path("description")
                        .asString())
                .isEqualTo("New description");
    }

    @Test
    void updatedAtMovesOnChange() {
        long id = create("dated");
        jdbc.sql("update dashboards set created_at = ?, updated_at = ? where id = ?")
                .params(
                        Timestamps.toDatabase(Instant.parse("2025-06-15T10:30:00Z")),
                        Timestamps.toDatabase(Instant.parse("2025-06-15T10:30:00Z")),
                        id)
                .update();
        JsonNode patched = patch(api, DASHBOARDS + id + "/", Map.of("name", "renamed"), auth)
                .json();
        assertThat(patched.path("created_at").asString()).isEqualTo("2025-06-15T10:30:00Z");
        assertThat(Instant.parse(patched.path("updated_at").asString()))
                .isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
    }

    @Test
    void deleteThenNotFound() {
        long id = create("doomed");
        TestClient.Response deleted = delete(api, DASHBOARDS + id + "/", auth);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.text()).isEmpty();
        TestClient.Response gone = api.get(DASHBOARDS + id + "/", auth);
        assertThat(gone).isError(404, "not_found");
        assertThat(gone.json().path("detail").asString()).isEqualTo("No dashboard with ID " + id + " was found.");
        assertThat(delete(api, DASHBOARDS + id + "/", auth).status()).isEqualTo(404);
    }

    @Test
    void missingDashboardThenNotFoundInTheSeedsWording() {
        TestClient.Response response = api.get(DASHBOARDS + "999999999/", auth);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("message").asString()).isEqualTo("The requested resource does not exist.");
        assertThat(response.json().path("detail").asString()).isEqualTo("No dashboard with ID 999999999 was found.");
    }

    @Test
    void idThatIsNotAPositiveIntegerThenNotFound() {
        for (String id : List.of("abc", "0", "-1", "1.5", "99999999999999999999999")) {
            for (String method : List.of("GET", "PUT", "PATCH", "DELETE")) {
                TestClient.Response response = method.equals("GET")
                        ? api.get(DASHBOARDS + id + "/", auth)
                        : com.claribi.support.ResourceRequests.withBody(
                                api, method, DASHBOARDS + id + "/", Map.of("name", "x"), auth);
                assertThat(response).as(method + " " + id).isError(404, "not_found");
            }
        }
    }

    @Test
    void createWhenFieldsInvalidThenValidationErrorForEach() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "   ");
        body.put("description", 42);
        body.put("colour", "red");
        TestClient.Response response = api.post(DASHBOARDS, body, auth);
        assertThat(response).isError(400, "validation_error");
        JsonNode fields = response.json().path("fields");
        assertThat(fields.propertyNames()).containsExactlyInAnyOrder("name", "description", "colour");
        assertThat(fields.path("colour").get(0).asString()).isEqualTo("Unknown field.");
        assertThat(fields.path("description").get(0).asString()).isEqualTo("Must be a string.");
    }

    @Test
    void createWhenNameMissingNullWrongTypeOrTooLongThenValidationError() {
        List<String> bodies = List.of(
                "{}",
                "{\"name\": null}",
                "{\"name\": 7}",
                "{\"name\": [\"a\"]}",
                "{\"name\": \"" + "x".repeat(201) + "\"}",
                "{\"name\": \"ok\", \"description\": null}",
                "{\"name\": \"ok\", \"description\": \"" + "x".repeat(2001) + "\"}");
        for (String body : bodies) {
            TestClient.Response response = api.post(DASHBOARDS, body, auth);
            assertThat(response).as(body).isError(400, "validation_error");
            assertThat(response.json().path("fields").size()).as(body).isEqualTo(1);
        }
        assertThat(api.get(DASHBOARDS, auth).json().path("count").asLong()).isZero();
    }

    @Test
    void bodyThatIsNotAJsonObjectThenBadRequest() {
        for (String body : List.of("[1, 2]", "\"name\"", "{\"name\": ", "null")) {
            TestClient.Response response = api.post(DASHBOARDS, body, auth);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.error()).as(body).isIn("bad_request", "validation_error");
        }
        long id = create("target");
        TestClient.Response response = patch(api, DASHBOARDS + id + "/", "[]", auth);
        assertThat(response).isError(400, "bad_request");
    }

    @Test
    void patchWhenNameBlankOrUnknownFieldThenValidationErrorAndNothingChanged() {
        long id = create("kept");
        TestClient.Response blank = patch(api, DASHBOARDS + id + "/", Map.of("name", ""), auth);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().path("fields").has("name")).isTrue();
        TestClient.Response unknown = patch(api, DASHBOARDS + id + "/", Map.of("title", "x"), auth);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("fields").has("title")).isTrue();
        assertThat(api.get(DASHBOARDS + id + "/", auth).json().path("name").asString())
                .isEqualTo("kept");
    }

    private long create(String name) {
        TestClient.Response created = api.post(DASHBOARDS, Map.of("name", name), auth);
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    private void insertDirectly(long organizationId, int count) {
        var now = Timestamps.toDatabase(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        ScaleRows.insert(dataSource, """
                insert into dashboards (organization_id, name, description, created_at, updated_at)
                values (?, ?, '', ?, ?)""", count, (insert, i) -> {
            insert.setLong(1, organizationId);
            insert.setString(2, "bulk " + i);
            insert.setObject(3, now);
            insert.setObject(4, now);
        });
    }
}
