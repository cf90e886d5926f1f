package com.claribi.identity;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import com.claribi.token.StaleAccessTokens;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/service-accounts/} and {@code /api/organization/api-keys/}: administrators' sessions manage identities
 * for integrations whose keys act with the service account's role, and oversee every key of the organization. Each way
 * a request is refused has its own test.
 */
class ServiceAccountsIntegrationTests extends ServerIntegrationTest {

    @Autowired
    ApplicationContext server;

    // Creating, listing, changing

    @Test
    void administratorCreatesServiceAccountThenListedInTheListFormatAndNotAmongUsers() {
        Account admin = newUser(Role.ADMINISTRATOR);
        String session = api.as(admin);

        TestClient.Response created = createAccount(session, "ci pipeline", "editor");
        assertThat(created).hasStatus(201);
        JsonNode account = created.json();
        long id = account.path("id").asLong();
        assertThat(created.header("Location"))
                .isEqualTo("https://localhost:" + port + "/api/service-accounts/" + id + "/");
        assertThat(account.path("name").asString()).isEqualTo("ci pipeline");
        assertThat(account.path("role").asString()).isEqualTo("editor");
        assertThat(account.path("created_by").asLong()).isEqualTo(admin.user().id());
        assertThat(account.path("active").asBoolean()).isTrue();
        assertThat(account.path("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(createAccount(session, "viewer by default", null)
                        .json()
                        .path("role")
                        .asString())
                .isEqualTo("viewer");

        JsonNode page =
                api.get("/api/service-accounts/", "Authorization", session).json();
        assertThat(page.path("count").asLong()).isEqualTo(2);
        assertThat(page.path("next").isNull()).isTrue();
        assertThat(page.path("results").findValuesAsString("name")).containsExactly("ci pipeline", "viewer by default");

        JsonNode users = api.get("/api/users/", "Authorization", session).json();
        assertThat(users.path("count").asLong()).isEqualTo(1);
        assertThat(api.get("/api/users/" + id + "/", "Authorization", session)).isError(404, "not_found");
    }

    @Test
    void listIsPaginatedAndAPagePastTheEndIsNotFound() {
        Account admin = newUser(Role.ADMINISTRATOR);
        String session = api.as(admin);
        createAccount(session, "first", "viewer");
        createAccount(session, "second", "viewer");
        createAccount(session, "third", "viewer");

        TestClient.Response second = api.get("/api/service-accounts/?page_size=1&page=2", "Authorization", session);
        assertThat(second).hasStatus(200);
        assertThat(second.json().path("count").asLong()).isEqualTo(3);
        assertThat(second.json().path("results").get(0).path("name").asString()).isEqualTo("second");
        assertThat(second.json().path("next").asString())
                .isEqualTo(api.baseUrl() + "/api/service-accounts/?page_size=1&page=3");
        assertThat(second.json().path("previous").asString())
                .isEqualTo(api.baseUrl() + "/api/service-accounts/?page_size=1&page=1");
        assertThat(api.get("/api/service-accounts/?page=4&page_size=1", "Authorization", session))
                .isError(404, "not_found");
    }

    @Test
    void administratorRenamesAndChangesRoleThenAudited() {
        Account admin = newUser(Role.ADMINISTRATOR);
        String session = api.as(admin);
        long id = createAccount(session, "exporter", "viewer").json().path("id").asLong();

        TestClient.Response changed = patch(
                "/api/service-accounts/" + id + "/", "{\"name\": \"nightly exporter\", \"role\": \"editor\"}", session);
        assertThat(changed).hasStatus(200);
        assertThat(changed.json().path("name").asString()).isEqualTo("nightly exporter");
        assertThat(changed.json().path("role").asString()).isEqualTo("editor");
        assertThat(patch("/api/service-accounts/" + id + "/", "{\"role\": \"administrator\"}", session)
                        .json()
                        .path("name")
                        .asString())
                .isEqualTo("nightly exporter");
        String secret = createKey(session, id, "read_write").json().path("key").asString();
        revokeOwn(session, id, secret);
        assertThat(delete("/api/service-accounts/" + id + "/", session)).hasStatus(204);

        List<String> types = api.get("/api/audit-events/?page_size=100", "Authorization", session)
                .json()
                .path("results")
                .findValuesAsString("type");
        assertThat(types)
                .containsSubsequence(
                        "service_account_created",
                        "service_account_changed",
                        "service_account_changed",
                        "api_key_created",
                        "api_key_revoked",
                        "service_account_deactivated");
    }

    // Refusals: who may

    @Test
    void serviceAccountsWhenNotAdministratorThenPermissionDenied() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account editor = newUserInOrganization(admin.user().organizationId(), Role.EDITOR);
        long id = createAccount(api.as(admin), "ci", "viewer").json().path("id").asLong();
        String session = api.as(editor);

        assertThat(api.get("/api/service-accounts/", "Authorization", session)).isError(403, "permission_denied");
        assertThat(createAccount(session, "mine", "administrator")).isError(403, "permission_denied");
        assertThat(patch("/api/service-accounts/" + id + "/", "{\"role\": \"administrator\"}", session))
                .isError(403, "permission_denied");
        assertThat(delete("/api/service-accounts/" + id + "/", session)).isError(403, "permission_denied");
        assertThat(api.get("/api/service-accounts/" + id + "/api-keys/", "Authorization", session))
                .isError(403, "permission_denied");
        assertThat(createKey(session, id, "read_write")).isError(403, "permission_denied");
        assertThat(api.get("/api/organization/api-keys/", "Authorization", session))
                .isError(403, "permission_denied");
        assertThat(api.post("/api/organization/api-keys/1/revoke/", "", "Authorization", session))
                .isError(403, "permission_denied");
    }

    @Test
    void serviceAccountsWithAnApiKeyThenPermissionDeniedWhateverItsScope() {
        Account admin = newUser(Role.ADMINISTRATOR);
        String session = api.as(admin);
        long id = createAccount(session, "ci", "viewer").json().path("id").asLong();
        String adminKey = api.post(
                        "/api/api-keys/", Map.of("name", "admin's", "scope", "read_write"), "Authorization", session)
                .json()
                .path("key")
                .asString();
        String serviceKey =
                createKey(session, id, "read_write").json().path("key").asString();
        patch("/api/service-accounts/" + id + "/", "{\"role\": \"administrator\"}", session);

        for (String key : List.of(adminKey, serviceKey)) {
            assertThat(api.get("/api/service-accounts/", "X-API-Key", key)).isError(403, "permission_denied");
            assertThat(api.post("/api/service-accounts/", Map.of("name", "minted"), "X-API-Key", key))
                    .isError(403, "permission_denied");
            assertThat(api.send(
                            "PATCH",
                            "/api/service-accounts/" + id + "/",
                            HttpRequest.BodyPublishers.ofString("{\"name\": \"taken over\"}"),
                            "X-API-Key",
                            key,
                            "Content-Type",
                            "application/json"))
                    .isError(403, "permission_denied");
            assertThat(api.post(
                            "/api/service-accounts/" + id + "/api-keys/",
                            Map.of("name", "minted", "scope", "read_write"),
                            "X-API-Key",
                            key))
                    .isError(403, "permission_denied");
            assertThat(api.get("/api/organization/api-keys/", "X-API-Key", key)).isError(403, "permission_denied");
            assertThat(api.get("/api/api-keys/", "X-API-Key", key)).isError(403, "permission_denied");
        }
        assertThat(api.get("/api/service-accounts/", "Authorization", session)
                        .json()
                        .path("results")
                        .get(0)
                        .path("name")
                        .asString())
                .isEqualTo("ci");
    }

    @Test
    void writesWhenAuthTimeStaleThenReauthenticationRequired() {
        Account admin = newUser(Role.ADMINISTRATOR);
        String fresh = api.login(admin.email(), admin.password()).get("access");
        String session = TestClient.bearer(fresh);
        long id = createAccount(session, "ci", "viewer").json().path("id").asLong();
        long keyId = createKey(session, id, "read_only").json().path("id").asLong();
        String stale = TestClient.bearer(StaleAccessTokens.of(server, fresh));

        assertThat(createAccount(stale, "later", "viewer")).isReauthenticationRequired();
        assertThat(patch("/api/service-accounts/" + id + "/", "{\"role\": \"administrator\"}", stale))
                .isReauthenticationRequired();
        assertThat(delete("/api/service-accounts/" + id + "/", stale)).isReauthenticationRequired();
        assertThat(createKey(stale, id, "read_write")).isReauthenticationRequired();
        assertThat(api.post(
                        "/api/service-accounts/" + id + "/api-keys/" + keyId + "/rotate/", "", "Authorization", stale))
                .isReauthenticationRequired();
        assertThat(api.post(
                        "/api/service-accounts/" + id + "/api-keys/" + keyId + "/revoke/", "", "Authorization", stale))
                .isReauthenticationRequired();

        // Reading needs no fresh proof, and nothing above happened.
        JsonNode listed =
                api.get("/api/service-accounts/", "Authorization", stale).json();
        assertThat(listed.path("count").asLong()).isEqualTo(1);
        assertThat(listed.path("results").get(0).path("role").asString()).isEqualTo("viewer");
        assertThat(listed.path("results").get(0).path("active").asBoolean()).isTrue();
        assertThat(api.get("/api/service-accounts/" + id + "/api-keys/", "Authorization", stale)
                        .json()
                        .path("results")
                        .get(0)
                        .path("revoked_at")
                        .isNull())
                .as("the key is not revoked")
                .isTrue();
    }

    @Test
    void anotherOrganizationsServiceAccountOrKeyThenNotFound() {
        Account theirs = newUser(Role.ADMINISTRATOR);
        String theirSession = api.as(theirs);
        long id = createAccount(theirSession, "theirs", "editor")
                .json()
                .path("id")
                .asLong();
        long keyId = createKey(theirSession, id, "read_write").json().path("id").asLong();
        String session = api.as(newUser(Role.ADMINISTRATOR));
        long mine = createAccount(session, "mine", "editor").json().path("id").asLong();

        assertThat(patch("/api/service-accounts/" + id + "/", "{\"name\": \"mine now\"}", session))
                .isError(404, "not_found");
        assertThat(delete("/api/service-accounts/" + id + "/", session)).isError(404, "not_found");
        assertThat(api.get("/api/service-accounts/" + id + "/api-keys/", "Authorization", session))
                .isError(404, "not_found");
        assertThat(createKey(session, id, "read_write")).isError(404, "not_found");
        assertThat(api.post(
                        "/api/service-accounts/" + id + "/api-keys/" + keyId + "/revoke/",
                        "",
                        "Authorization",
                        session))
                .isError(404, "not_found");
        assertThat(api.post(
                        "/api/service-accounts/" + mine + "/api-keys/" + keyId + "/revoke/",
                        "",
                        "Authorization",
                        session))
                .isError(404, "not_found");
        assertThat(api.post("/api/organization/api-keys/" + keyId + "/revoke/", "", "Authorization", session))
                .isError(404, "not_found");
        assertThat(delete("/api/service-accounts/abc/", session)).isError(404, "not_found");
        assertThat(api.post("/api/organization/api-keys/-1/revoke/", "", "Authorization", session))
                .isError(404, "not_found");
        // A user of one's own organization is not a service account.
        assertThat(delete("/api/service-accounts/" + theirs.user().id() + "/", theirSession))
                .isError(404, "not_found");

        JsonNode untouched =
                api.get("/api/service-accounts/", "Authorization", theirSession).json();
        assertThat(untouched.path("results").get(0).path("name").asString()).isEqualTo("theirs");
        assertThat(api.get("/api/service-accounts/" + id + "/api-keys/", "Authorization", theirSession)
                        .json()
                        .path("results")
                        .get(0)
                        .path("revoked_at")
                        .isNull())
                .isTrue();
    }

    // Refusals: what

    @Test
    void badFieldsThenValidationErrorNamingEachField() {
        Account admin = newUser(Role.ADMINISTRATOR);
        String session = api.as(admin);
        long id = createAccount(session, "Exporter", "viewer").json().path("id").asLong();

        assertThat(api.post("/api/service-accounts/", Map.of(), "Authorization", session))
                .isValidationError("name");
        assertThat(api.post("/api/service-accounts/", Map.of("name", "  "), "Authorization", session))
                .isValidationError("name");
        assertThat(api.post("/api/service-accounts/", Map.of("name", "x".repeat(101)), "Authorization", session))
                .isValidationError("name");
        assertThat(api.post("/api/service-accounts/", Map.of("name", "ok", "role", "owner"), "Authorization", session))
                .isValidationError("role");
        assertThat(api.post("/api/service-accounts/", Map.of("name", "ok", "email", "a@b.c"), "Authorization", session))
                .isValidationError("email");
        assertThat(api.post("/api/service-accounts/", Map.of("name", "exporter"), "Authorization", session))
                .isValidationError("name");
        assertThat(api.post("/api/service-accounts/", "{\"name\": 42}", "Authorization", session))
                .isValidationError("name");
        assertThat(api.post("/api/service-accounts/", "{not json", "Authorization", session))
                .isError(400, "bad_request");
        assertThat(api.post("/api/service-accounts/", "[1]", "Authorization", session))
                .isError(400, "bad_request");
        assertThat(patch("/api/service-accounts/" + id + "/", "{\"role\": null}", session))
                .isValidationError("role");
        assertThat(patch("/api/service-accounts/" + id + "/", "{\"name\": \"\"}", session))
                .isValidationError("name");
        assertThat(patch("/api/service-accounts/" + id + "/", "{\"password\": \"secret\"}", session))
                .isValidationError("password");

        assertThat(api.post("/api/service-accounts/" + id + "/api-keys/", Map.of(), "Authorization", session))
                .isValidationError("name", "scope");
        assertThat(api.post(
                        "/api/service-accounts/" + id + "/api-keys/",
                        Map.of("name", "k", "scope", "admin", "expires_at", "2020-01-01T00:00:00Z"),
                        "Authorization",
                        session))
                .isValidationError("scope", "expires_at");
        assertThat(api.post(
                        "/api/service-accounts/" + id + "/api-keys/"
                                + createKey(session, id, "read_only")
                                        .json()
                                        .path("id")
                                        .asLong() + "/rotate/",
                        Map.of("grace_period_seconds", 604_801),
                        "Authorization",
                        session))
                .isValidationError("grace_period_seconds");

        JsonNode unchanged =
                api.get("/api/service-accounts/", "Authorization", session).json();
        assertThat(unchanged.path("count").asLong()).isEqualTo(1);
        assertThat(unchanged.path("results").get(0).path("name").asString()).isEqualTo("Exporter");
        assertThat(unchanged.path("results").get(0).path("role").asString()).isEqualTo("viewer");
    }

    @Test
    void nameOfADeactivatedServiceAccountCanBeUsedAgain() {
        String session = api.as(newUser(Role.ADMINISTRATOR));
        long id =
                createAccount(session, "reporting", "viewer").json().path("id").asLong();
        assertThat(delete("/api/service-accounts/" + id + "/", session)).hasStatus(204);
        assertThat(createAccount(session, "Reporting", "viewer")).hasStatus(201);
    }

    // The keys

    @Test
    void serviceAccountKeyActsWithItsRoleNarrowedByScope() {
        String session = api.as(newUser(Role.ADMINISTRATOR));
        long id = createAccount(session, "writer", "editor").json().path("id").asLong();
        TestClient.Response created = createKey(session, id, "read_write");
        assertThat(created).hasStatus(201);
        assertThat(created.json().path("key").asString()).startsWith("claribi_sk_live_");
        assertThat(created.json().path("expires_at").asString()).isNotBlank();
        String readWrite = created.json().path("key").asString();
        String readOnly = createKey(session, id, "read_only").json().path("key").asString();

        assertThat(createDashboard(readWrite)).hasStatus(201);
        assertThat(api.get("/api/dashboards/", "X-API-Key", readOnly)).hasStatus(200);
        assertThat(createDashboard(readOnly)).isError(403, "permission_denied");

        patch("/api/service-accounts/" + id + "/", "{\"role\": \"viewer\"}", session);
        assertThat(createDashboard(readWrite)).isError(403, "permission_denied");
        assertThat(api.get("/api/dashboards/", "X-API-Key", readWrite)
                        .json()
                        .path("count")
                        .asLong())
                .isEqualTo(1);
        // An administrator service account's key may read the users, but never write them (sessions only).
        patch("/api/service-accounts/" + id + "/", "{\"role\": \"administrator\"}", session);
        assertThat(api.get("/api/users/", "X-API-Key", readWrite)).hasStatus(200);
        assertThat(api.post(
                        "/api/users/",
                        Map.of("email", "minted@example.com", "password", "a long initial passphrase"),
                        "X-API-Key",
                        readWrite))
                .isError(403, "permission_denied");
    }

    @Test
    void keyWithoutExpiryOnlyWhenAskedExplicitly() {
        String session = api.as(newUser(Role.ADMINISTRATOR));
        long id = createAccount(session, "forever", "viewer").json().path("id").asLong();
        Map<String, Object> never = new HashMap<>();
        never.put("name", "never expires");
        never.put("scope", "read_only");
        never.put("expires_at", null);
        TestClient.Response created =
                api.post("/api/service-accounts/" + id + "/api-keys/", never, "Authorization", session);
        assertThat(created).hasStatus(201);
        assertThat(created.json().path("expires_at").isNull()).isTrue();
    }

    @Test
    void keyWithoutExpiresAtThenExpiresNinetyDaysAfterCreation() {
        String session = api.as(newUser(Role.ADMINISTRATOR));
        long id = createAccount(session, "default expiry", "viewer")
                .json()
                .path("id")
                .asLong();
        JsonNode key = createKey(session, id, "read_only").json();
        assertThat(Instant.parse(key.path("expires_at").asString()))
                .as("without expires_at a service account's key lives 90 days")
                .isEqualTo(Instant.parse(key.path("created_at").asString()).plus(Duration.ofDays(90)));
    }

    @Test
    void keyWhenExpiredThenInvalidApiKey() throws InterruptedException {
        String session = api.as(newUser(Role.ADMINISTRATOR));
        long id = createAccount(session, "short-lived", "viewer")
                .json()
                .path("id")
                .asLong();
        Instant expiry = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        TestClient.Response created = api.post(
                "/api/service-accounts/" + id + "/api-keys/",
                Map.of("name", "expiring", "scope", "read_only", "expires_at", expiry.toString()),
                "Authorization",
                session);
        assertThat(created).hasStatus(201);
        String secret = created.json().path("key").asString();
        assertThat(api.get("/api/auth/status/", "X-API-Key", secret)).hasStatus(200);
        Thread.sleep(Math.max(0, expiry.toEpochMilli() - System.currentTimeMillis()) + 100);
        assertThat(api.get("/api/auth/status/", "X-API-Key", secret)).isError(401, "invalid_api_key");
    }

    @Test
    void keyRotatedWithGracePeriodThenOldWorksUntilTheGraceEnds() throws InterruptedException {
        String session = api.as(newUser(Role.ADMINISTRATOR));
        long id = createAccount(session, "graceful", "viewer").json().path("id").asLong();
        JsonNode original = createKey(session, id, "read_only").json();
        String oldSecret = original.path("key").asString();
        TestClient.Response rotated = api.post(
                "/api/service-accounts/" + id + "/api-keys/"
                        + original.path("id").asLong() + "/rotate/",
                Map.of("grace_period_seconds", 2),
                "Authorization",
                session);
        assertThat(rotated).hasStatus(201);
        String newSecret = rotated.json().path("key").asString();
        assertThat(api.get("/api/auth/status/", "X-API-Key", oldSecret))
                .as("within the grace period")
                .hasStatus(200);
        assertThat(api.get("/api/auth/status/", "X-API-Key", newSecret)).hasStatus(200);
        Thread.sleep(3_100);
        assertThat(api.get("/api/auth/status/", "X-API-Key", oldSecret)).isError(401, "invalid_api_key");
        assertThat(api.get("/api/auth/status/", "X-API-Key", newSecret)).hasStatus(200);
    }

    @Test
    void authStatusWithServiceAccountKeyDescribesTheServiceAccount() {
        Account admin = newUser(Role.ADMINISTRATOR);
        String session = api.as(admin);
        long id = createAccount(session, "status probe", "editor")
                .json()
                .path("id")
                .asLong();
        String key = createKey(session, id, "read_only").json().path("key").asString();

        JsonNode status = api.get("/api/auth/status/", "X-API-Key", key).json();
        assertThat(status.path("user").path("id").asLong()).isEqualTo(id);
        assertThat(status.path("user").path("type").asString()).isEqualTo("service_account");
        assertThat(status.path("user").path("name").asString()).isEqualTo("status probe");
        assertThat(status.path("user").path("email").isNull()).isTrue();
        assertThat(status.path("user").path("role").asString()).isEqualTo("editor");
        assertThat(status.path("organization").path("id").asLong())
                .isEqualTo(admin.user().organizationId());

        JsonNode mine = api.get("/api/auth/status/", "Authorization", session).json();
        assertThat(mine.path("user").path("type").asString()).isEqualTo("user");
        assertThat(mine.path("user").path("email").asString()).isEqualTo(admin.email());
        assertThat(mine.path("user").path("name").asString()).isEqualTo("Jane Smith");
    }

    @Test
    void deactivatedServiceAccountsKeysThenInvalidApiKeyAtOnce() {
        String session = api.as(newUser(Role.ADMINISTRATOR));
        long id = createAccount(session, "retired", "editor").json().path("id").asLong();
        String first = createKey(session, id, "read_write").json().path("key").asString();
        String second = createKey(session, id, "read_only").json().path("key").asString();
        assertThat(api.get("/api/auth/status/", "X-API-Key", first)).hasStatus(200);
        assertThat(api.get("/api/auth/status/", "X-API-Key", second)).hasStatus(200);

        assertThat(delete("/api/service-accounts/" + id + "/", session)).hasStatus(204);

        assertThat(api.get("/api/auth/status/", "X-API-Key", first)).isError(401, "invalid_api_key");
        assertThat(api.get("/api/dashboards/", "X-API-Key", second)).isError(401, "invalid_api_key");
        JsonNode account = api.get("/api/service-accounts/", "Authorization", session)
                .json()
                .path("results")
                .get(0);
        assertThat(account.path("active").asBoolean()).isFalse();
        JsonNode keys = api.get("/api/service-accounts/" + id + "/api-keys/", "Authorization", session)
                .json()
                .path("results");
        assertThat(keys.findValuesAsString("revoked_at"))
                .hasSize(2)
                .allSatisfy(at -> assertThat(at).isNotBlank());
        assertThat(createKey(session, id, "read_only")).isError(409, "conflict");
        assertThat(delete("/api/service-accounts/" + id + "/", session)).hasStatus(204);
    }

    @Test
    void creatorDeactivatedThenServiceAccountKeyStillWorks() {
        Account creator = newUser(Role.ADMINISTRATOR);
        Account other = newUserInOrganization(creator.user().organizationId(), Role.ADMINISTRATOR);
        String session = api.as(creator);
        long id = createAccount(session, "survivor", "editor").json().path("id").asLong();
        String key = createKey(session, id, "read_write").json().path("key").asString();
        String creatorsOwn = api.post(
                        "/api/api-keys/", Map.of("name", "own", "scope", "read_only"), "Authorization", session)
                .json()
                .path("key")
                .asString();

        String otherSession = api.as(other);
        assertThat(delete("/api/users/" + creator.user().id() + "/", otherSession))
                .hasStatus(204);

        assertThat(api.get("/api/auth/status/", "X-API-Key", creatorsOwn)).isError(401, "invalid_api_key");
        assertThat(api.get("/api/auth/status/", "X-API-Key", key)).hasStatus(200);
        assertThat(createDashboard(key)).hasStatus(201);
        JsonNode account = api.get("/api/service-accounts/", "Authorization", otherSession)
                .json()
                .path("results")
                .get(0);
        assertThat(account.path("active").asBoolean()).isTrue();
        assertThat(account.path("created_by").asLong()).isEqualTo(creator.user().id());
    }

    @Test
    void serviceAccountKeyRotatedThenOldRefusedAndRevokedThenRefused() {
        String session = api.as(newUser(Role.ADMINISTRATOR));
        long id = createAccount(session, "rotating", "viewer").json().path("id").asLong();
        JsonNode original = createKey(session, id, "read_only").json();
        String path = "/api/service-accounts/" + id + "/api-keys/";

        TestClient.Response rotated =
                api.post(path + original.path("id").asLong() + "/rotate/", "", "Authorization", session);
        assertThat(rotated).hasStatus(201);
        JsonNode replacement = rotated.json();
        assertThat(replacement.path("key").asString())
                .isNotEqualTo(original.path("key").asString());
        assertThat(replacement.path("name").asString())
                .isEqualTo(original.path("name").asString());
        assertThat(replacement.path("rotated_from").asLong())
                .isEqualTo(original.path("id").asLong());
        assertThat(api.get(
                        "/api/auth/status/", "X-API-Key", original.path("key").asString()))
                .isError(401, "invalid_api_key");
        String secret = replacement.path("key").asString();
        assertThat(api.get("/api/auth/status/", "X-API-Key", secret)).hasStatus(200);

        TestClient.Response revoked =
                api.post(path + replacement.path("id").asLong() + "/revoke/", "", "Authorization", session);
        assertThat(revoked).hasStatus(200);
        assertThat(revoked.json().path("revoked_at").asString()).isNotBlank();
        assertThat(revoked.json().has("key")).isFalse();
        assertThat(api.get("/api/auth/status/", "X-API-Key", secret)).isError(401, "invalid_api_key");
        JsonNode listed = api.get(path, "Authorization", session).json();
        assertThat(listed.path("count").asLong()).isEqualTo(2);
        assertThat(listed.toString()).doesNotContain(secret, "\"key\"");
    }

    @Test
    void serviceAccountKeyUseShowsInItsActivityAndLastUsedAt() throws InterruptedException {
        String session = api.as(newUser(Role.ADMINISTRATOR));
        long id = createAccount(session, "busy", "viewer").json().path("id").asLong();
        JsonNode key = createKey(session, id, "read_only").json();
        String path =
                "/api/service-accounts/" + id + "/api-keys/" + key.path("id").asLong() + "/activity/";
        assertThat(api.get(
                        "/api/dashboards/?page_size=5",
                        "X-API-Key",
                        key.path("key").asString()))
                .hasStatus(200);

        JsonNode activity = null;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            activity = api.get(path, "Authorization", session).json();
            if (activity.path("count").asLong() > 0) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(activity.path("count").asLong()).isEqualTo(1);
        JsonNode use = activity.path("results").get(0);
        assertThat(use.path("method").asString()).isEqualTo("GET");
        assertThat(use.path("path").asString()).isEqualTo("/api/dashboards/");
        assertThat(use.path("status").asInt()).isEqualTo(200);
        assertThat(api.get("/api/service-accounts/" + id + "/api-keys/", "Authorization", session)
                        .json()
                        .path("results")
                        .get(0)
                        .path("last_used_at")
                        .asString())
                .isNotBlank();
        assertThat(api.get(path, "X-API-Key", key.path("key").asString())).isError(403, "permission_denied");
        assertThat(api.get(
                        "/api/service-accounts/" + id + "/api-keys/"
                                + key.path("id").asLong() + "/activity/",
                        "Authorization",
                        api.as(newUser(Role.ADMINISTRATOR))))
                .isError(404, "not_found");
    }

    // The organization's keys

    @Test
    void organizationListShowsEveryKeyWithItsOwnerAndNoSecret() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account editor = newUserInOrganization(admin.user().organizationId(), Role.EDITOR);
        String session = api.as(admin);
        String editorKey = api.post(
                        "/api/api-keys/",
                        Map.of("name", "laptop", "scope", "read_only"),
                        "Authorization",
                        api.as(editor))
                .json()
                .path("key")
                .asString();
        long id = createAccount(session, "ingest", "editor").json().path("id").asLong();
        String serviceKey =
                createKey(session, id, "read_write").json().path("key").asString();
        api.post(
                "/api/api-keys/",
                Map.of("name", "stranger's", "scope", "read_only"),
                "Authorization",
                api.as(newUser(Role.ADMINISTRATOR)));

        TestClient.Response response = api.get("/api/organization/api-keys/", "Authorization", session);
        assertThat(response).hasStatus(200);
        JsonNode page = response.json();
        assertThat(page.path("count").asLong()).isEqualTo(2);
        assertThat(page.path("results")
                        .valueStream()
                        .map(key -> key.path("name").asString()))
                .containsExactly("laptop", "k read_write");
        JsonNode userOwner = page.path("results").get(0).path("owner");
        assertThat(userOwner.path("type").asString()).isEqualTo("user");
        assertThat(userOwner.path("id").asLong()).isEqualTo(editor.user().id());
        assertThat(userOwner.path("name").asString()).isEqualTo(editor.email());
        JsonNode serviceOwner = page.path("results").get(1).path("owner");
        assertThat(serviceOwner.path("type").asString()).isEqualTo("service_account");
        assertThat(serviceOwner.path("id").asLong()).isEqualTo(id);
        assertThat(serviceOwner.path("name").asString()).isEqualTo("ingest");
        assertThat(page.path("results").get(0).path("prefix").asString()).isNotBlank();
        assertThat(response.text()).doesNotContain(editorKey, serviceKey, "\"key\"", "secret_hash", "stranger's");

        TestClient.Response second =
                api.get("/api/organization/api-keys/?page_size=1&page=2", "Authorization", session);
        assertThat(second.json()
                        .path("results")
                        .get(0)
                        .path("owner")
                        .path("type")
                        .asString())
                .isEqualTo("service_account");
        assertThat(second.json().path("next").isNull()).isTrue();
        assertThat(api.get("/api/organization/api-keys/?page_size=1&page=3", "Authorization", session))
                .isError(404, "not_found");
    }

    @Test
    void organizationRevokeRevokesAnyKeyOfTheOrganization() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account editor = newUserInOrganization(admin.user().organizationId(), Role.EDITOR);
        String session = api.as(admin);
        JsonNode editorKey = api.post(
                        "/api/api-keys/",
                        Map.of("name", "laptop", "scope", "read_write"),
                        "Authorization",
                        api.as(editor))
                .json();
        long id = createAccount(session, "ingest", "editor").json().path("id").asLong();
        JsonNode serviceKey = createKey(session, id, "read_write").json();

        for (JsonNode key : List.of(editorKey, serviceKey)) {
            assertThat(api.get("/api/auth/status/", "X-API-Key", key.path("key").asString()))
                    .hasStatus(200);
            TestClient.Response revoked = api.post(
                    "/api/organization/api-keys/" + key.path("id").asLong() + "/revoke/", "", "Authorization", session);
            assertThat(revoked).hasStatus(200);
            assertThat(revoked.json().path("revoked_at").asString()).isNotBlank();
            assertThat(revoked.json().path("owner").path("type").asString()).isNotBlank();
            assertThat(revoked.text()).doesNotContain(key.path("key").asString());
            assertThat(api.get("/api/auth/status/", "X-API-Key", key.path("key").asString()))
                    .isError(401, "invalid_api_key");
        }
        List<String> types = api.get("/api/audit-events/?page_size=100", "Authorization", session)
                .json()
                .path("results")
                .findValuesAsString("type");
        assertThat(types.stream().filter("api_key_revoked"::equals)).hasSize(2);
    }

    private TestClient.Response createAccount(String session, String name, String role) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        if (role != null) {
            body.put("role", role);
        }
        return api.post("/api/service-accounts/", body, "Authorization", session);
    }

    private TestClient.Response createKey(String session, long accountId, String scope) {
        return api.post(
                "/api/service-accounts/" + accountId + "/api-keys/",
                Map.of("name", "k " + scope, "scope", scope),
                "Authorization",
                session);
    }

    private void revokeOwn(String session, long accountId, String secret) {
        JsonNode key = api.get("/api/service-accounts/" + accountId + "/api-keys/", "Authorization", session)
                .json()
                .path("results")
                .get(0);
        assertThat(api.post(
                        "/api/service-accounts/" + accountId + "/api-keys/"
                                + key.path("id").asLong() + "/revoke/",
                        "",
                        "Authorization",
                        session))
                .hasStatus(200);
        assertThat(api.get("/api/auth/status/", "X-API-Key", secret)).isError(401, "invalid_api_key");
    }

    private TestClient.Response createDashboard(String key) {
        return api.post("/api/dashboards/", Map.of("name", "made by a key"), "X-API-Key", key);
    }

    private TestClient.Response patch(String path, String json, String session) {
        return api.send(
                "PATCH",
                path,
                HttpRequest.BodyPublishers.ofString(json),
                "Authorization",
                session,
                "Content-Type",
                "application/json");
    }

    private TestClient.Response delete(String path, String session) {
        return api.send("DELETE", path, HttpRequest.BodyPublishers.noBody(), "Authorization", session);
    }
}
