package com.claribi.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import claribi.generated.ApiClient;
import claribi.generated.ApiException;
import claribi.generated.api.AuthenticationApi;
import claribi.generated.api.DashboardsApi;
import claribi.generated.model.Credentials;
import claribi.generated.model.Dashboard;
import claribi.generated.model.DashboardFields;
import claribi.generated.model.DashboardPage;
import claribi.generated.model.TokenResponse;
import com.claribi.identity.Role;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A Java client that openapi-generator (its Maven plugin, {@code java} generator, {@code native} library) generated
 * from docs/openapi.json during this build's generate-test-sources, used as a client developer would: sign in, create a
 * dashboard, list the dashboards. The plugin runs before any server does, so it reads the committed copy of the
 * document; the first test shows that copy is the document this server serves at /api/schema/, so the client is the
 * one a developer would generate from the running server.
 */
class GeneratedClientIntegrationTests extends ServerIntegrationTest {

    @Test
    void theClientWasGeneratedFromTheDocumentThisServerServes() throws IOException {
        JsonNode generatedFrom = TestClient.JSON.readTree(Files.readString(Path.of("docs/openapi.json")));

        assertThat(api.get("/api/schema/").json())
                .as("the served document (OpenApiIntegrationTests#servedDocumentIsDocsOpenApiJson names the"
                        + " differences)")
                .isEqualTo(generatedFrom);
    }

    @Test
    void signInCreateADashboardAndListDashboards() throws ApiException {
        Account editor = newUser(Role.EDITOR);
        ApiClient client = client();

        TokenResponse tokens = new AuthenticationApi(client)
                .login(new Credentials().email(editor.email()).password(editor.password()));
        assertThat(tokens.getAccess()).isNotBlank();
        assertThat(tokens.getRefresh()).isNotBlank();
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + tokens.getAccess()));

        DashboardsApi dashboards = new DashboardsApi(client);
        Dashboard created = dashboards.createDashboard(
                new DashboardFields().name("Quarterly revenue").description("From the generated client"));
        assertThat(created.getId()).isPositive();
        assertThat(created.getName()).isEqualTo("Quarterly revenue");
        assertThat(created.getCreatedAt()).isNotNull();

        DashboardPage page = dashboards.listDashboards(1, 100);
        assertThat(page.getCount()).isEqualTo(1);
        assertThat(page.getNext()).isNull();
        assertThat(page.getPrevious()).isNull();
        assertThat(page.getResults()).singleElement().satisfies(dashboard -> {
            assertThat(dashboard.getId()).isEqualTo(created.getId());
            assertThat(dashboard.getDescription()).isEqualTo("From the generated client");
        });
    }

    @Test
    void aRefusalReachesTheGeneratedClientInTheErrorFormat() {
        Account editor = newUser(Role.EDITOR);
        assertThatExceptionOfType(ApiException.class)
                .isThrownBy(() -> new AuthenticationApi(client())
                        .login(new Credentials().email(editor.email()).password("not the password")))
                .satisfies(refused -> {
                    assertThat(refused.getCode()).isEqualTo(401);
                    assertThat(TestClient.JSON
                                    .readTree(refused.getResponseBody())
                                    .path("error")
                                    .asString())
                            .isEqualTo("invalid_credentials");
                });
    }

    /** The generated client on this server, trusting its generated certificate. */
    private ApiClient client() {
        ApiClient client = new ApiClient();
        client.setHttpClientBuilder(
                HttpClient.newBuilder().sslContext(TestClient.trusting(DATA_DIR.resolve("tls/cert.pem"))));
        client.updateBaseUri("https://localhost:" + port);
        return client;
    }
}
