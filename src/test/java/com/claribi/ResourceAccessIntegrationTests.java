package com.claribi;

import static com.claribi.support.ResourceRequests.apiKey;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Who may do what to each organization-scoped resource: every member reads, administrators and editors write (also
 * through their read-write API keys), viewers and read-only keys never write; and another organization's objects
 * are not found, whatever the method.
 */
class ResourceAccessIntegrationTests extends ServerIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    enum Resource {
        DASHBOARDS("/api/dashboards/", "dashboard", Map.of("name", "Revenue")),
        REPORTS("/api/reports/", "report", Map.of("name", "Weekly", "schedule", "weekly")),
        DATA_SOURCES(
                "/api/data-sources/",
                "data source",
                Map.of("name", "Warehouse", "type", "postgresql", "config", Map.of("host", "db")));

        final String path;
        final String kind;
        final Map<String, Object> body;

        Resource(String path, String kind, Map<String, Object> body) {
            this.path = path;
            this.kind = kind;
            this.body = body;
        }
    }

    @ParameterizedTest
    @EnumSource(Resource.class)
    void everyMemberReads(Resource resource) {
        Account admin = newUser(Role.ADMINISTRATOR);
        long id = create(resource, session(api, admin));
        long organization = admin.user().organizationId();
        for (String[] auth : new String[][] {
            session(api, admin),
            session(api, newUserInOrganization(organization, Role.EDITOR)),
            session(api, newUserInOrganization(organization, Role.VIEWER)),
            apiKey(api, newUserInOrganization(organization, Role.VIEWER), "read_only")
        }) {
            TestClient.Response list = api.get(resource.path, auth);
            assertThat(list.status()).isEqualTo(200);
            assertThat(ids(list.json())).containsExactly(id);
            assertThat(api.get(resource.path + id + "/", auth).status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Resource.class)
    void writesWhenAdministratorOrEditorThenAllowed(Resource resource) {
        Account admin = newUser(Role.ADMINISTRATOR);
        long organization = admin.user().organizationId();
        assertEveryWriteAllowed(resource, session(api, admin));
        assertEveryWriteAllowed(resource, session(api, newUserInOrganization(organization, Role.EDITOR)));
    }

    @ParameterizedTest
    @EnumSource(Resource.class)
    void writesWhenReadWriteKeyOfAdministratorOrEditorThenAllowed(Resource resource) {
        Account admin = newUser(Role.ADMINISTRATOR);
        long organization = admin.user().organizationId();
        assertEveryWriteAllowed(resource, apiKey(api, admin, "read_write"));
        assertEveryWriteAllowed(resource, apiKey(api, newUserInOrganization(organization, Role.EDITOR), "read_write"));
    }

    @ParameterizedTest
    @EnumSource(Resource.class)
    void writesWhenViewerThenPermissionDenied(Resource resource) {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account viewer = newUserInOrganization(admin.user().organizationId(), Role.VIEWER);
        assertEveryWriteDenied(resource, session(api, admin), session(api, viewer));
    }

    @ParameterizedTest
    @EnumSource(Resource.class)
    void writesWhenReadWriteKeyOfViewerThenPermissionDenied(Resource resource) {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account viewer = newUserInOrganization(admin.user().organizationId(), Role.VIEWER);
        assertEveryWriteDenied(resource, session(api, admin), apiKey(api, viewer, "read_write"));
    }

    @ParameterizedTest
    @EnumSource(Resource.class)
    void writesWhenReadOnlyKeyOfAdministratorThenPermissionDenied(Resource resource) {
        Account admin = newUser(Role.ADMINISTRATOR);
        assertEveryWriteDenied(resource, session(api, admin), apiKey(api, admin, "read_only"));
    }

    @ParameterizedTest
    @EnumSource(Resource.class)
    void writesWhenRoleLoweredToViewerThenPermissionDeniedAtOnce(Resource resource) {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account editor = newUserInOrganization(admin.user().organizationId(), Role.EDITOR);
        String[] auth = session(api, editor);
        assertThat(api.post(resource.path, resource.body, auth).status()).isEqualTo(201);
        TestClient.Response lowered =
                patch(api, "/api/users/" + editor.user().id() + "/", Map.of("role", "viewer"), session(api, admin));
        assertThat(lowered.status()).as(lowered.text()).isEqualTo(200);
        assertEveryWriteDenied(resource, session(api, admin), auth);
    }

    @ParameterizedTest
    @EnumSource(Resource.class)
    void objectOfAnotherOrganizationIsNotFoundForEveryMethodAndNeverListed(Resource resource) {
        String[] owner = session(api, newUser(Role.ADMINISTRATOR));
        long theirs = create(resource, owner);
        JsonNode before = api.get(resource.path + theirs + "/", owner).json();
        String[] stranger = session(api, newUser(Role.ADMINISTRATOR));
        long mine = create(resource, stranger);

        String path = resource.path + theirs + "/";
        String detail = "No " + resource.kind + " with ID " + theirs + " was found.";
        for (TestClient.Response response : new TestClient.Response[] {
            api.get(path, stranger),
            put(api, path, resource.body, stranger),
            patch(api, path, Map.of("name", "taken over"), stranger),
            delete(api, path, stranger)
        }) {
            assertThat(response).isError(404, "not_found");
            assertThat(response.json().path("detail").asString()).isEqualTo(detail);
        }
        assertThat(ids(api.get(resource.path + "?page_size=100", stranger).json()))
                .containsExactly(mine);
        assertThat(api.get(path, owner).json()).isEqualTo(before);
        assertThat(ids(api.get(resource.path, owner).json())).containsExactly(theirs);
    }

    private void assertEveryWriteAllowed(Resource resource, String[] auth) {
        TestClient.Response created = api.post(resource.path, resource.body, auth);
        assertThat(created.status()).as("POST " + created.text()).isEqualTo(201);
        String path = resource.path + created.json().path("id").asLong() + "/";
        assertThat(put(api, path, resource.body, auth).status()).as("PUT").isEqualTo(200);
        assertThat(patch(api, path, Map.of("name", "changed"), auth).status())
                .as("PATCH")
                .isEqualTo(200);
        assertThat(delete(api, path, auth).status()).as("DELETE").isEqualTo(204);
    }

    private void assertEveryWriteDenied(Resource resource, String[] admin, String[] auth) {
        long id = create(resource, admin);
        String path = resource.path + id + "/";
        JsonNode before = api.get(path, admin).json();
        List<Long> listed = ids(api.get(resource.path, admin).json());
        for (TestClient.Response response : new TestClient.Response[] {
            api.post(resource.path, resource.body, auth),
            put(api, path, resource.body, auth),
            patch(api, path, Map.of("name", "changed"), auth),
            delete(api, path, auth)
        }) {
            assertThat(response).isError(403, "permission_denied");
        }
        assertThat(ids(api.get(resource.path, admin).json())).isEqualTo(listed).contains(id);
        assertThat(api.get(path, admin).json()).isEqualTo(before);
    }

    private long create(Resource resource, String[] auth) {
        TestClient.Response created = api.post(resource.path, resource.body, auth);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asLong();
    }
}
