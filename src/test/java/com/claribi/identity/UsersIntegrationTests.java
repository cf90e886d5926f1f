package com.claribi.identity;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code /api/users/}: administrators manage their organization's users, and nobody else's. */
class UsersIntegrationTests extends ServerIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void administratorListsTheOrganizationsUsersInTheListFormat() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account editor = newUserInOrganization(admin.user().organizationId(), Role.EDITOR);
        Account stranger = newUser(Role.ADMINISTRATOR);
        String access = access(admin);

        TestClient.Response response = api.get("/api/users/", "Authorization", TestClient.bearer(access));
        assertThat(response.status()).isEqualTo(200);
        JsonNode page = response.json();
        assertThat(page.path("count").asLong()).isEqualTo(2);
        assertThat(page.path("next").isNull()).isTrue();
        assertThat(page.path("previous").isNull()).isTrue();
        assertThat(page.path("results").findValuesAsString("email")).containsExactly(admin.email(), editor.email());
        JsonNode first = page.path("results").get(0);
        assertThat(first.path("id").isIntegralNumber()).isTrue();
        assertThat(first.path("role").asString()).isEqualTo("administrator");
        assertThat(first.path("active").asBoolean()).isTrue();
        assertThat(first.path("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(response.text()).doesNotContain(stranger.email(), "password", "argon2");

        TestClient.Response second = api.get("/api/users/?page_size=1&page=2", "Authorization", bearer(access));
        assertThat(second.json().path("results").get(0).path("email").asString())
                .isEqualTo(editor.email());
        assertThat(second.json().path("previous").asString())
                .startsWith("https://")
                .contains("page=1");
        assertThat(api.get("/api/users/?page=3&page_size=1", "Authorization", bearer(access))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void administratorCreatesAUserWhoCanSignIn() {
        Account admin = newUser(Role.ADMINISTRATOR);
        String access = access(admin);
        String email = "new-" + admin.email();

        TestClient.Response created = api.post(
                "/api/users/",
                Map.of(
                        "email",
                        email,
                        "password",
                        "a long initial passphrase",
                        "role",
                        "editor",
                        "first_name",
                        "Ada",
                        "last_name",
                        "Lovelace"),
                "Authorization",
                bearer(access));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode user = created.json();
        assertThat(created.header("Location"))
                .isEqualTo("https://localhost:" + port + "/api/users/"
                        + user.path("id").asLong() + "/");
        assertThat(user.path("role").asString()).isEqualTo("editor");
        assertThat(user.path("first_name").asString()).isEqualTo("Ada");
        assertThat(created.text()).doesNotContain("a long initial passphrase");

        String newcomer = api.login(email, "a long initial passphrase").get("access");
        JsonNode status =
                api.get("/api/auth/status/", "Authorization", bearer(newcomer)).json();
        assertThat(status.path("organization").path("id").asLong())
                .isEqualTo(admin.user().organizationId());
        assertThat(status.path("user").path("role").asString()).isEqualTo("editor");

        TestClient.Response viewerByDefault = api.post(
                "/api/users/",
                Map.of("email", "default-" + admin.email(), "password", "another long passphrase"),
                "Authorization",
                bearer(access));
        assertThat(viewerByDefault.json().path("role").asString()).isEqualTo("viewer");
    }

    @Test
    void creatingAUserWithBadFieldsThenValidationErrorNamingEachField() {
        Account admin = newUser(Role.ADMINISTRATOR);
        String access = access(admin);
        assertThat(api.post("/api/users/", Map.of(), "Authorization", bearer(access)))
                .isValidationError("email", "password");
        assertThat(api.post(
                        "/api/users/",
                        Map.of("email", "x-" + admin.email(), "password", "password"),
                        "Authorization",
                        bearer(access)))
                .isValidationError("password");
        assertThat(api.post(
                        "/api/users/",
                        Map.of("email", admin.email().toUpperCase(), "password", "a long initial passphrase"),
                        "Authorization",
                        bearer(access)))
                .isValidationError("email");
        assertThat(api.post(
                        "/api/users/",
                        Map.of("email", "y-" + admin.email(), "password", "a long initial passphrase", "role", "owner"),
                        "Authorization",
                        bearer(access)))
                .isValidationError("role");
        assertThat(api.post(
                        "/api/users/",
                        Map.of("email", "not an email", "password", "a long initial passphrase"),
                        "Authorization",
                        bearer(access)))
                .isValidationError("email");
        assertThat(api.post("/api/users/", "{\"email\": 42}", "Authorization", bearer(access))
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/users/", "{not json", "Authorization", bearer(access))
                        .error())
                .isEqualTo("bad_request");
    }

    @Test
    void fieldsThatCannotBeWrittenHereAreRefusedByNameNotIgnored() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account viewer = newUserInOrganization(admin.user().organizationId(), Role.VIEWER);
        String access = access(admin);
        String path = "/api/users/" + viewer.user().id() + "/";
        assertThat(patch(path, "{\"email\": \"x@evil.example\"}", "Authorization", bearer(access)))
                .isValidationError("email");
        assertThat(patch(path, "{\"active\": true}", "Authorization", bearer(access)))
                .isValidationError("active");
        assertThat(patch(path, "{\"password\": \"a new long passphrase\"}", "Authorization", bearer(access)))
                .isValidationError("password");
        assertThat(patch(path, "{\"organization_id\": 1}", "Authorization", bearer(access)))
                .isValidationError("organization_id");
        assertThat(patch(path, "{\"role\": null}", "Authorization", bearer(access)))
                .isValidationError("role");
        assertThat(api.post(
                        "/api/users/",
                        Map.of(
                                "email",
                                "z-" + admin.email(),
                                "password",
                                "a long initial passphrase",
                                "is_staff",
                                true),
                        "Authorization",
                        bearer(access)))
                .isValidationError("is_staff");
        assertThat(patch(path, "[1, 2]", "Authorization", bearer(access)).error())
                .isEqualTo("bad_request");
        JsonNode unchanged = api.get(path, "Authorization", bearer(access)).json();
        assertThat(unchanged.path("email").asString()).isEqualTo(viewer.email());
        assertThat(unchanged.path("role").asString()).isEqualTo("viewer");
        // An object as the API returned it can be sent back: its read-only fields are ignored.
        assertThat(patch(
                                path,
                                "{\"id\": " + viewer.user().id()
                                        + ", \"created_at\": \"2025-01-01T00:00:00Z\", \"role\": \"editor\"}",
                                "Authorization",
                                bearer(access))
                        .status())
                .isEqualTo(200);
    }

    /**
     * Demoting and deactivating lock the organization's row in a way that does not conflict with the foreign-key
     * checks of inserts into the organization (an API key, a dashboard): a transaction holding such an insert open
     * does not block a deactivation, so the two cannot deadlock.
     */
    @Test
    void deactivationWhileAnInsertIntoTheOrganizationIsOpenThenNotBlocked() throws Exception {
        Account admin = newUser(Role.ADMINISTRATOR);
        long organization = admin.user().organizationId();
        Account editor = newUserInOrganization(organization, Role.EDITOR);
        String access = access(admin);
        try (Connection open = dataSource.getConnection()) {
            open.setAutoCommit(false);
            try (PreparedStatement insert = open.prepareStatement(
                    "insert into dashboards (organization_id, name, description, created_at, updated_at)"
                            + " values (?, 'held open', '', current_timestamp, current_timestamp)")) {
                insert.setLong(1, organization);
                insert.executeUpdate();
            }
            CompletableFuture<TestClient.Response> deactivation = CompletableFuture.supplyAsync(
                    () -> delete("/api/users/" + editor.user().id() + "/", "Authorization", bearer(access)));
            assertThat(deactivation.get(10, TimeUnit.SECONDS).status()).isEqualTo(204);
            open.rollback();
        }
    }

    @Test
    void everyWriteByEditorsViewersAndReadOnlyKeysThenPermissionDenied() {
        Account admin = newUser(Role.ADMINISTRATOR);
        long organization = admin.user().organizationId();
        Account target = newUserInOrganization(organization, Role.VIEWER);
        String adminAccess = access(admin);
        String readOnlyKey = apiKey(adminAccess, "read_only");
        String readWriteKey = apiKey(adminAccess, "read_write");
        for (Role role : List.of(Role.EDITOR, Role.VIEWER)) {
            String[] credential = {"Authorization", bearer(access(newUserInOrganization(organization, role)))};
            assertThat(api.get("/api/users/", credential)).as(role + " list").isError(403, "permission_denied");
            assertThat(api.get("/api/users/?page=zero", credential))
                    .as(role + " list with a bad page: the role is checked first")
                    .isError(403, "permission_denied");
            assertThat(api.get("/api/users/" + target.user().id() + "/", credential))
                    .as(role + " get")
                    .isError(403, "permission_denied");
            assertThat(create(credential)).as(role + " create").isError(403, "permission_denied");
            assertThat(patch("/api/users/" + target.user().id() + "/", "{\"role\": \"editor\"}", credential))
                    .as(role + " patch")
                    .isError(403, "permission_denied");
            assertThat(delete("/api/users/" + target.user().id() + "/", credential))
                    .as(role + " delete")
                    .isError(403, "permission_denied");
        }
        String[] readOnly = {"X-API-Key", readOnlyKey};
        assertThat(api.get("/api/users/", readOnly).status())
                .as("an administrator's read-only key reads")
                .isEqualTo(200);
        assertThat(create(readOnly)).as("read-only key create").isError(403, "permission_denied");
        assertThat(patch("/api/users/" + target.user().id() + "/", "{\"role\": \"editor\"}", readOnly))
                .as("key")
                .isError(403, "permission_denied");
        assertThat(delete("/api/users/" + target.user().id() + "/", readOnly))
                .as("read-only key delete")
                .isError(403, "permission_denied");
        assertThat(api.get("/api/users/", "X-API-Key", readWriteKey).status())
                .as("an administrator's read-write key reads")
                .isEqualTo(200);
        assertThat(api.get("/api/users/" + target.user().id() + "/", "Authorization", bearer(adminAccess))
                        .json()
                        .path("role")
                        .asString())
                .isEqualTo("viewer");
    }

    /** API.md: writes that create or empower identities need a session; a leaked key can never mint an account. */
    @Test
    void identityWritesWithAnAdministratorsReadWriteKeyThenPermissionDeniedAndNothingChanged() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account target = newUserInOrganization(admin.user().organizationId(), Role.VIEWER);
        String adminAccess = access(admin);
        String[] key = {"X-API-Key", apiKey(adminAccess, "read_write")};
        String email = "minted-" + System.nanoTime() + "@example.com";
        String path = "/api/users/" + target.user().id() + "/";

        assertThat(api.post(
                        "/api/users/",
                        Map.of("email", email, "password", "the attacker's passphrase", "role", "administrator"),
                        key))
                .as("read-write key creates an administrator")
                .isError(403, "permission_denied");
        assertThat(patch(path, "{\"role\": \"administrator\"}", key))
                .as("read-write key promotes")
                .isError(403, "permission_denied");
        assertThat(patch(path, "{\"first_name\": \"Mallory\"}", key))
                .as("read-write key renames")
                .isError(403, "permission_denied");
        assertThat(delete(path, key)).as("read-write key deactivates").isError(403, "permission_denied");

        String[] session = {"Authorization", bearer(access(admin))};
        assertThat(api.get("/api/users/", session).json().path("count").asInt())
                .as("no user was made")
                .isEqualTo(2);
        JsonNode user = api.get(path, session).json();
        assertThat(user.path("role").asString()).isEqualTo("viewer");
        assertThat(user.path("first_name").asString()).isEmpty();
        assertThat(user.path("active").asBoolean()).isTrue();
        TestClient.Response minted =
                api.post("/api/auth/login/", Map.of("email", email, "password", "the attacker's passphrase"));
        assertThat(minted.status()).isEqualTo(401);
    }

    @Test
    void changingARoleAppliesToTheUsersNextRequestAndIsAudited() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account colleague = newUserInOrganization(admin.user().organizationId(), Role.ADMINISTRATOR);
        String adminAccess = access(admin);
        String colleagueAccess = access(colleague);
        assertThat(api.get("/api/users/", "Authorization", bearer(colleagueAccess))
                        .status())
                .isEqualTo(200);

        TestClient.Response changed = patch(
                "/api/users/" + colleague.user().id() + "/",
                "{\"role\": \"viewer\", \"first_name\": \"Grace\"}",
                "Authorization",
                bearer(adminAccess));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.json().path("role").asString()).isEqualTo("viewer");
        assertThat(changed.json().path("first_name").asString()).isEqualTo("Grace");
        assertThat(changed.json().path("last_name").asString()).isEmpty();
        assertThat(api.get("/api/users/", "Authorization", bearer(colleagueAccess)))
                .as("demoted at once")
                .isError(403, "permission_denied");

        JsonNode events = api.get(
                        "/api/audit-events/?type=role_changed&user="
                                + colleague.user().id(),
                        "Authorization",
                        bearer(adminAccess))
                .json();
        assertThat(events.path("count").asLong()).isEqualTo(1);
        assertThat(events.path("results").get(0).path("detail").asString())
                .contains("administrator to viewer", String.valueOf(admin.user().id()));
        assertThat(patch(
                        "/api/users/" + colleague.user().id() + "/",
                        "{\"role\": \"superuser\"}",
                        "Authorization",
                        bearer(adminAccess)))
                .isValidationError("role");
    }

    /**
     * A role changed by another process sharing the database (here: an update no code of this process made) applies
     * within a second: the role checks read a cache that holds each user for at most {@code Members.FRESHNESS}.
     */
    @Test
    void roleChangedByAnotherProcessAppliesWithinASecond() throws Exception {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account colleague = newUserInOrganization(admin.user().organizationId(), Role.ADMINISTRATOR);
        String access = access(colleague);
        assertThat(api.get("/api/users/", "Authorization", bearer(access)).status())
                .isEqualTo(200);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement demote =
                        connection.prepareStatement("update users set role = 'viewer' where id = ?")) {
            demote.setLong(1, colleague.user().id());
            demote.executeUpdate();
        }
        long changed = System.nanoTime();
        while (api.get("/api/users/", "Authorization", bearer(access)).status() == 200) {
            assertThat(Duration.ofNanos(System.nanoTime() - changed)).isLessThan(Duration.ofMillis(1500));
            Thread.sleep(20);
        }
        assertThat(api.get("/api/users/", "Authorization", bearer(access)))
                .as("demoted elsewhere")
                .isError(403, "permission_denied");
        assertThat(api.get("/api/auth/status/", "Authorization", bearer(access))
                        .json()
                        .path("user")
                        .path("role")
                        .asString())
                .isEqualTo("viewer");
    }

    @Test
    void theLastActiveAdministratorCannotBeDemotedOrDeactivated() {
        Account admin = newUser(Role.ADMINISTRATOR);
        String access = access(admin);
        String self = "/api/users/" + admin.user().id() + "/";
        assertThat(patch(self, "{\"role\": \"editor\"}", "Authorization", bearer(access)))
                .isError(409, "conflict")
                .hasDetailContaining("last active administrator");
        assertThat(delete(self, "Authorization", bearer(access)))
                .isError(409, "conflict")
                .hasDetailContaining("last active administrator");

        Account other = newUserInOrganization(admin.user().organizationId(), Role.ADMINISTRATOR);
        assertThat(delete("/api/users/" + other.user().id() + "/", "Authorization", bearer(access))
                        .status())
                .isEqualTo(204);
        assertThat(patch(self, "{\"role\": \"viewer\"}", "Authorization", bearer(access)))
                .isError(409, "conflict")
                .hasDetailContaining("last active administrator");
        assertThat(patch(
                                self,
                                "{\"role\": \"administrator\", \"last_name\": \"Hopper\"}",
                                "Authorization",
                                bearer(access))
                        .status())
                .as("an administrator staying one is no demotion")
                .isEqualTo(200);
    }

    @Test
    void twoAdministratorsDemotingEachOtherAtOnceThenOneRemains() throws Exception {
        for (int round = 0; round < 8; round++) {
            Account first = newUser(Role.ADMINISTRATOR);
            Account second = newUserInOrganization(first.user().organizationId(), Role.ADMINISTRATOR);
            String firstAccess = access(first);
            String secondAccess = access(second);
            CyclicBarrier start = new CyclicBarrier(2);
            boolean deactivate = round % 2 == 1;
            CompletableFuture<Integer> one =
                    CompletableFuture.supplyAsync(() -> demoteAfter(start, second, firstAccess, deactivate));
            CompletableFuture<Integer> two =
                    CompletableFuture.supplyAsync(() -> demoteAfter(start, first, secondAccess, deactivate));
            int won = deactivate ? 204 : 200;
            List<Integer> statuses = List.of(one.get(), two.get());
            assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(won, 409);

            String survivor = statuses.get(0) == won ? firstAccess : secondAccess;
            TestClient.Response list = api.get("/api/users/", "Authorization", bearer(survivor));
            assertThat(list.status())
                    .as("the winner still manages the organization")
                    .isEqualTo(200);
            List<String> administrators = new ArrayList<>();
            list.json().path("results").forEach(user -> {
                if (user.path("role").asString().equals("administrator")
                        && user.path("active").asBoolean()) {
                    administrators.add(user.path("email").asString());
                }
            });
            assertThat(administrators).as("round " + round).hasSize(1);
        }
    }

    private Integer demoteAfter(CyclicBarrier start, Account target, String access, boolean deactivate) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String path = "/api/users/" + target.user().id() + "/";
        TestClient.Response response = deactivate
                ? delete(path, "Authorization", bearer(access))
                : patch(path, "{\"role\": \"editor\"}", "Authorization", bearer(access));
        if (response.status() == 409) {
            assertThat(response).isError(409, "conflict").hasDetailContaining("last active administrator");
        } else if (response.status() == 401 || response.status() == 403) {
            // The other request won and this administrator no longer is one (or no longer exists).
            return 409;
        }
        return response.status();
    }

    @Test
    void deactivatingAUserEndsTheirSessionsAndKeysAtOnce() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account editor = newUserInOrganization(admin.user().organizationId(), Role.EDITOR);
        Map<String, String> session = api.login(editor.email(), editor.password());
        String key = apiKey(session.get("access"), "read_write");
        assertThat(api.get("/api/auth/status/", "X-API-Key", key).status()).isEqualTo(200);
        String adminAccess = access(admin);

        assertThat(delete("/api/users/" + editor.user().id() + "/", "Authorization", bearer(adminAccess))
                        .status())
                .isEqualTo(204);

        assertThat(api.get("/api/auth/status/", "Authorization", bearer(session.get("access")))
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/api/auth/status/", "X-API-Key", key).status()).isEqualTo(401);
        assertThat(api.post("/api/auth/token/refresh/", Map.of("refresh", session.get("refresh")))
                        .status())
                .isEqualTo(401);
        assertThat(api.post("/api/auth/login/", Map.of("email", editor.email(), "password", editor.password()))
                        .error())
                .isEqualTo("invalid_credentials");
        JsonNode listed = api.get("/api/users/" + editor.user().id() + "/", "Authorization", bearer(adminAccess))
                .json();
        assertThat(listed.path("active").asBoolean()).isFalse();
        assertThat(delete("/api/users/" + editor.user().id() + "/", "Authorization", bearer(adminAccess))
                        .status())
                .as("deactivating again changes nothing")
                .isEqualTo(204);
        assertThat(api.get("/api/audit-events/?type=user_deactivated", "Authorization", bearer(adminAccess))
                        .json()
                        .path("count")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void anotherOrganizationsUserIsNotFoundForEveryMethod() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account stranger = newUser(Role.ADMINISTRATOR);
        String access = access(admin);
        String path = "/api/users/" + stranger.user().id() + "/";
        assertThat(api.get(path, "Authorization", bearer(access))).isError(404, "not_found");
        assertThat(patch(path, "{\"role\": \"viewer\"}", "Authorization", bearer(access)))
                .isError(404, "not_found");
        assertThat(delete(path, "Authorization", bearer(access))).isError(404, "not_found");
        assertThat(api.get("/api/users/999999999/", "Authorization", bearer(access)))
                .isError(404, "not_found");
        assertThat(api.get("/api/auth/status/", "Authorization", bearer(access(stranger)))
                        .json()
                        .path("user")
                        .path("role")
                        .asString())
                .as("the stranger is untouched")
                .isEqualTo("administrator");
        for (String id : List.of("abc", "0", "-1", "1e3", "99999999999999999999")) {
            assertThat(api.get("/api/users/" + id + "/", "Authorization", bearer(access)))
                    .isError(404, "not_found");
            assertThat(patch("/api/users/" + id + "/", "{\"role\": \"viewer\"}", "Authorization", bearer(access)))
                    .isError(404, "not_found");
            assertThat(delete("/api/users/" + id + "/", "Authorization", bearer(access)))
                    .isError(404, "not_found");
        }
    }

    private TestClient.Response create(String... credential) {
        return api.post(
                "/api/users/",
                Map.of("email", "made-" + System.nanoTime() + "@example.com", "password", "a long initial passphrase"),
                credential);
    }

    private TestClient.Response patch(String path, String json, String... headers) {
        String[] all = append(headers, "Content-Type", "application/json");
        return api.send("PATCH", path, HttpRequest.BodyPublishers.ofString(json), all);
    }

    private TestClient.Response delete(String path, String... headers) {
        return api.send("DELETE", path, HttpRequest.BodyPublishers.noBody(), headers);
    }

    private static String[] append(String[] headers, String... more) {
        String[] all = new String[headers.length + more.length];
        System.arraycopy(headers, 0, all, 0, headers.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    private String access(Account account) {
        return api.login(account.email(), account.password()).get("access");
    }

    private String apiKey(String access, String scope) {
        TestClient.Response created = api.post(
                "/api/api-keys/", Map.of("name", "users test", "scope", scope), "Authorization", bearer(access));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("key").asString();
    }

    private static String bearer(String access) {
        return TestClient.bearer(access);
    }
}
