package com.claribi.report;

import static com.claribi.support.ResourceRequests.TIMESTAMP;
import static com.claribi.support.ResourceRequests.delete;
import static com.claribi.support.ResourceRequests.ids;
import static com.claribi.support.ResourceRequests.patch;
import static com.claribi.support.ResourceRequests.put;
import static com.claribi.support.ResourceRequests.session;
import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Reports: their dashboard (of the same organization only, and gone with the dashboard) and their schedule. */
class ReportsIntegrationTests extends ServerIntegrationTest {

    private static final String REPORTS = "/api/reports/";

    private String[] auth;

    @BeforeEach
    void signIn() {
        auth = session(api, newUser(Role.ADMINISTRATOR));
    }

    @Test
    void createWithEveryFieldThenGet() {
        long dashboard = dashboard(auth);
        TestClient.Response created = api.post(
                REPORTS,
                Map.of(
                        "name",
                        "Weekly revenue",
                        "description",
                        "For the board",
                        "dashboard",
                        dashboard,
                        "schedule",
                        "weekly"),
                auth);
        assertThat(created.status()).isEqualTo(201);
        JsonNode report = created.json();
        assertThat(report.path("id").isIntegralNumber()).isTrue();
        assertThat(report.path("name").asString()).isEqualTo("Weekly revenue");
        assertThat(report.path("description").asString()).isEqualTo("For the board");
        assertThat(report.path("dashboard").asLong()).isEqualTo(dashboard);
        assertThat(report.path("schedule").asString()).isEqualTo("weekly");
        assertThat(report.path("created_at").asString()).matches(TIMESTAMP);
        assertThat(report.path("updated_at").asString()).matches(TIMESTAMP);
        assertThat(created.header("Location"))
                .isEqualTo(api.baseUrl() + REPORTS + report.path("id").asLong() + "/");
        assertThat(api.get(REPORTS + report.path("id").asLong() + "/", auth).json())
                .isEqualTo(report);
    }

    @Test
    void defaultsAreNoDashboardNoScheduleEmptyDescription() {
        JsonNode report = api.post(REPORTS, Map.of("name", "Plain"), auth).json();
        assertThat(report.has("dashboard")).isTrue();
        assertThat(report.path("dashboard").isNull()).isTrue();
        assertThat(report.has("schedule")).isTrue();
        assertThat(report.path("schedule").isNull()).isTrue();
        assertThat(report.path("description").asString()).isEmpty();
    }

    @Test
    void everyScheduleAndNull() {
        for (String schedule : List.of("daily", "weekly", "monthly")) {
            assertThat(api.post(REPORTS, Map.of("name", schedule, "schedule", schedule), auth)
                            .json()
                            .path("schedule")
                            .asString())
                    .isEqualTo(schedule);
        }
        Map<String, Object> none = new HashMap<>();
        none.put("name", "none");
        none.put("schedule", null);
        assertThat(api.post(REPORTS, none, auth).json().path("schedule").isNull())
                .isTrue();
    }

    @Test
    void createWhenScheduleOrDashboardInvalidThenValidationErrorForEach() {
        for (Object schedule : List.of("hourly", "Daily", 1, true)) {
            TestClient.Response response = api.post(REPORTS, Map.of("name", "r", "schedule", schedule), auth);
            assertThat(response.status()).as("schedule " + schedule).isEqualTo(400);
            assertThat(response.json().path("fields").has("schedule"))
                    .as("schedule " + schedule)
                    .isTrue();
        }
        for (Object dashboard : List.of("1", 1.5, 0, -3, 999_999_999, Map.of("id", 1))) {
            TestClient.Response response = api.post(REPORTS, Map.of("name", "r", "dashboard", dashboard), auth);
            assertThat(response).as("dashboard " + dashboard).isError(400, "validation_error");
            assertThat(response.json().path("fields").has("dashboard"))
                    .as("dashboard " + dashboard)
                    .isTrue();
        }
        assertThat(api.get(REPORTS, auth).json().path("count").asLong()).isZero();
    }

    @Test
    void dashboardOfAnotherOrganizationIsRefusedLikeAMissingOne() {
        long theirs = dashboard(session(api, newUser(Role.ADMINISTRATOR)));
        TestClient.Response created = api.post(REPORTS, Map.of("name", "r", "dashboard", theirs), auth);
        assertThat(created).isError(400, "validation_error");
        assertThat(created.json().path("fields").path("dashboard").get(0).asString())
                .isEqualTo("No dashboard with ID " + theirs + " was found.");

        long report = api.post(REPORTS, Map.of("name", "mine"), auth)
                .json()
                .path("id")
                .asLong();
        TestClient.Response patched = patch(api, REPORTS + report + "/", Map.of("dashboard", theirs), auth);
        assertThat(patched.status()).isEqualTo(400);
        assertThat(patched.json().path("fields").has("dashboard")).isTrue();
        TestClient.Response replaced =
                put(api, REPORTS + report + "/", Map.of("name", "mine", "dashboard", theirs), auth);
        assertThat(replaced.status()).isEqualTo(400);
        assertThat(replaced.json().path("fields").has("dashboard")).isTrue();
        assertThat(api.get(REPORTS + report + "/", auth)
                        .json()
                        .path("dashboard")
                        .isNull())
                .isTrue();
    }

    @Test
    void deletingADashboardLeavesItsReportsWithoutOne() {
        long dashboard = dashboard(auth);
        long other = dashboard(auth);
        long first = report("first", dashboard);
        long second = report("second", dashboard);
        long unrelated = report("unrelated", other);

        assertThat(delete(api, "/api/dashboards/" + dashboard + "/", auth).status())
                .isEqualTo(204);

        for (long id : List.of(first, second)) {
            TestClient.Response report = api.get(REPORTS + id + "/", auth);
            assertThat(report.status()).isEqualTo(200);
            assertThat(report.json().path("dashboard").isNull()).isTrue();
        }
        assertThat(api.get(REPORTS + unrelated + "/", auth)
                        .json()
                        .path("dashboard")
                        .asLong())
                .isEqualTo(other);
        assertThat(api.get("/api/dashboards/" + other + "/", auth).status()).isEqualTo(200);
    }

    @Test
    void putResetsWhatIsNotSent() {
        long id = report("full", dashboard(auth));
        patch(api, REPORTS + id + "/", Map.of("schedule", "daily", "description", "text"), auth);
        TestClient.Response replaced = put(api, REPORTS + id + "/", Map.of("name", "bare"), auth);
        assertThat(replaced.status()).isEqualTo(200);
        JsonNode report = replaced.json();
        assertThat(report.path("name").asString()).isEqualTo("bare");
        assertThat(report.path("description").asString()).isEmpty();
        assertThat(report.path("dashboard").isNull()).isTrue();
        assertThat(report.path("schedule").isNull()).isTrue();
        assertThat(api.get(REPORTS + id + "/", auth).json()).isEqualTo(report);
    }

    @Test
    void patchChangesOnlyWhatIsSentAndNullClears() {
        long dashboard = dashboard(auth);
        long id = report("kept", dashboard);
        JsonNode scheduled = patch(api, REPORTS + id + "/", Map.of("schedule", "monthly"), auth)
                .json();
        assertThat(scheduled.path("name").asString()).isEqualTo("kept");
        assertThat(scheduled.path("dashboard").asLong()).isEqualTo(dashboard);
        assertThat(scheduled.path("schedule").asString()).isEqualTo("monthly");

        Map<String, Object> clear = new HashMap<>();
        clear.put("dashboard", null);
        clear.put("schedule", null);
        JsonNode cleared = patch(api, REPORTS + id + "/", clear, auth).json();
        assertThat(cleared.path("dashboard").isNull()).isTrue();
        assertThat(cleared.path("schedule").isNull()).isTrue();
        assertThat(cleared.path("name").asString()).isEqualTo("kept");
    }

    @Test
    void listOrderedByIdAndDeleteThenNotFound() {
        long first = report("a", null);
        long second = report("b", null);
        assertThat(ids(api.get(REPORTS, auth).json())).containsExactly(first, second);
        assertThat(delete(api, REPORTS + first + "/", auth).status()).isEqualTo(204);
        TestClient.Response gone = api.get(REPORTS + first + "/", auth);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("detail").asString()).isEqualTo("No report with ID " + first + " was found.");
        assertThat(ids(api.get(REPORTS, auth).json())).containsExactly(second);
    }

    private long dashboard(String[] auth) {
        TestClient.Response created = api.post("/api/dashboards/", Map.of("name", "Dashboard"), auth);
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    private long report(String name, Long dashboard) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("dashboard", dashboard);
        TestClient.Response created = api.post(REPORTS, body, auth);
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("id").asLong();
    }
}
