package com.claribi.identity;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/organization/}: every member reads it; only administrators rename it. */
class OrganizationIntegrationTests extends ServerIntegrationTest {

    @Test
    void everyMemberAndEveryKeyReadsTheirOwnOrganization() {
        Account admin = newUser(Role.ADMINISTRATOR);
        long organization = admin.user().organizationId();
        newUser(Role.ADMINISTRATOR);
        for (Role role : Role.values()) {
            String access = access(newUserInOrganization(organization, role));
            for (String[] credential : List.of(
                    new String[] {"Authorization", TestClient.bearer(access)},
                    new String[] {"X-API-Key", apiKey(access, "read_only")})) {
                TestClient.Response response = api.get("/api/organization/", credential);
                assertThat(response.status()).as(role + " " + credential[0]).isEqualTo(200);
                JsonNode body = response.json();
                assertThat(body.path("id").asLong()).isEqualTo(organization);
                assertThat(body.path("name").asString()).isEqualTo("Org of " + admin.email());
                assertThat(body.path("plan").asString()).isEqualTo("professional");
                assertThat(body.path("ai_credits_remaining").asInt()).isEqualTo(1347);
            }
        }
        assertThat(api.get("/api/organization/").error()).isEqualTo("not_authenticated");
    }

    @Test
    void administratorRenamesTheOrganizationAndTheRenameIsAudited() {
        Account admin = newUser(Role.ADMINISTRATOR);
        String access = access(admin);
        TestClient.Response renamed =
                patch("{\"name\": \"  Acme Analytics \"}", "Authorization", TestClient.bearer(access));
        assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        assertThat(renamed.json().path("name").asString()).isEqualTo("Acme Analytics");
        assertThat(api.get("/api/auth/status/", "Authorization", TestClient.bearer(access))
                        .json()
                        .path("organization")
                        .path("name")
                        .asString())
                .isEqualTo("Acme Analytics");
        JsonNode events = api.get(
                        "/api/audit-events/?type=organization_renamed", "Authorization", TestClient.bearer(access))
                .json();
        assertThat(events.path("count").asLong()).isEqualTo(1);
        assertThat(events.path("results").get(0).path("detail").asString()).contains("Acme Analytics");
    }

    @Test
    void renamingWithBadFieldsThenValidationError() {
        Account admin = newUser(Role.ADMINISTRATOR);
        String bearer = TestClient.bearer(access(admin));
        assertThat(patch("{\"name\": \"   \"}", "Authorization", bearer)).isValidationError("name");
        assertThat(patch("{\"name\": \"" + "x".repeat(201) + "\"}", "Authorization", bearer))
                .isValidationError("name");
        assertThat(patch("{\"plan\": \"enterprise\"}", "Authorization", bearer)).isValidationError("plan");
        assertThat(patch("{\"ai_credits_remaining\": 1000000}", "Authorization", bearer))
                .isValidationError("ai_credits_remaining");
        assertThat(patch("{\"name\": 7}", "Authorization", bearer).status()).isEqualTo(400);
        assertThat(patch("{\"nme\": \"typo\"}", "Authorization", bearer)).isValidationError("nme");
        assertThat(patch("{\"name\": null}", "Authorization", bearer)).isValidationError("name");
        assertThat(api.get("/api/organization/", "Authorization", bearer)
                        .json()
                        .path("plan")
                        .asString())
                .isEqualTo("professional");
    }

    @Test
    void renamingByEditorsViewersAndReadOnlyKeysThenPermissionDenied() {
        Account admin = newUser(Role.ADMINISTRATOR);
        long organization = admin.user().organizationId();
        for (Role role : List.of(Role.EDITOR, Role.VIEWER)) {
            String access = access(newUserInOrganization(organization, role));
            assertThat(patch("{\"name\": \"Taken over\"}", "Authorization", TestClient.bearer(access)))
                    .isError(403, "permission_denied");
            assertThat(patch("{\"name\": \"Taken over\"}", "X-API-Key", apiKey(access, "read_write")))
                    .isError(403, "permission_denied");
        }
        assertThat(patch("{\"name\": \"Taken over\"}", "X-API-Key", apiKey(access(admin), "read_only")))
                .isError(403, "permission_denied");
        assertThat(api.get("/api/organization/", "Authorization", TestClient.bearer(access(admin)))
                        .json()
                        .path("name")
                        .asString())
                .isEqualTo("Org of " + admin.email());
    }

    /** API.md: renaming the organization needs a session; an administrator's read-write key gets 403. */
    @Test
    void renamingWithAnAdministratorsReadWriteKeyThenPermissionDeniedAndNameKept() {
        Account admin = newUser(Role.ADMINISTRATOR);
        assertThat(patch("{\"name\": \"Taken over\"}", "X-API-Key", apiKey(access(admin), "read_write")))
                .isError(403, "permission_denied");
        assertThat(api.get("/api/organization/", "Authorization", TestClient.bearer(access(admin)))
                        .json()
                        .path("name")
                        .asString())
                .isEqualTo("Org of " + admin.email());
    }

    private TestClient.Response patch(String json, String... headers) {
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = "application/json";
        return api.send("PATCH", "/api/organization/", HttpRequest.BodyPublishers.ofString(json), all);
    }

    private String access(Account account) {
        return api.login(account.email(), account.password()).get("access");
    }

    private String apiKey(String access, String scope) {
        TestClient.Response created = api.post(
                "/api/api-keys/",
                Map.of("name", "organization test", "scope", scope),
                "Authorization",
                TestClient.bearer(access));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("key").asString();
    }
}
