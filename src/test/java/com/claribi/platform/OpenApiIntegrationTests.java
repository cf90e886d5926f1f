package com.claribi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.ProjectVersion;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document at {@code /api/schema/} describes every endpoint of the contract, and Swagger UI shows it. */
class OpenApiIntegrationTests extends ServerIntegrationTest {

    /** Every endpoint of API.md, method and path as it lists them. */
    private static final List<String> CONTRACT = List.of(
            "POST /api/auth/login/",
            "POST /api/auth/token/refresh/",
            "POST /api/auth/logout/",
            "POST /api/auth/logout-all/",
            "GET /api/auth/status/",
            "GET /api/auth/jwks/",
            "GET /api/health/",
            "POST /api/auth/password/",
            "POST /api/auth/reauthenticate/",
            "GET /api/auth/sessions/",
            "DELETE /api/auth/sessions/{id}/",
            "POST /api/auth/password-reset/",
            "POST /api/auth/password-reset/confirm/",
            "POST /api/users/{id}/password-reset/",
            "POST /api/api-keys/",
            "GET /api/api-keys/",
            "GET /api/api-keys/{id}/",
            "POST /api/api-keys/{id}/revoke/",
            "POST /api/api-keys/{id}/rotate/",
            "GET /api/api-keys/{id}/activity/",
            "GET /api/auth/mfa/",
            "POST /api/auth/mfa/setup/",
            "POST /api/auth/mfa/confirm/",
            "POST /api/auth/mfa/disable/",
            "POST /api/auth/mfa/recovery-codes/",
            "GET /api/dashboards/",
            "POST /api/dashboards/",
            "GET /api/dashboards/{id}/",
            "PUT /api/dashboards/{id}/",
            "PATCH /api/dashboards/{id}/",
            "DELETE /api/dashboards/{id}/",
            "GET /api/reports/",
            "POST /api/reports/",
            "GET /api/reports/{id}/",
            "PUT /api/reports/{id}/",
            "PATCH /api/reports/{id}/",
            "DELETE /api/reports/{id}/",
            "GET /api/data-sources/",
            "POST /api/data-sources/",
            "GET /api/data-sources/{id}/",
            "PUT /api/data-sources/{id}/",
            "PATCH /api/data-sources/{id}/",
            "DELETE /api/data-sources/{id}/",
            "GET /api/organization/",
            "PATCH /api/organization/",
            "GET /api/users/",
            "POST /api/users/",
            "PATCH /api/users/{id}/",
            "DELETE /api/users/{id}/",
            "GET /api/service-accounts/",
            "POST /api/service-accounts/",
            "PATCH /api/service-accounts/{id}/",
            "DELETE /api/service-accounts/{id}/",
            "GET /api/service-accounts/{id}/api-keys/",
            "POST /api/service-accounts/{id}/api-keys/",
            "POST /api/service-accounts/{id}/api-keys/{key_id}/revoke/",
            "POST /api/service-accounts/{id}/api-keys/{key_id}/rotate/",
            "GET /api/service-accounts/{id}/api-keys/{key_id}/activity/",
            "GET /api/organization/api-keys/",
            "POST /api/organization/api-keys/{id}/revoke/",
            "GET /api/audit-events/");

    private static final Set<String> PUBLIC =
            Set.of("/api/auth/login/", "/api/auth/token/refresh/", "/api/auth/jwks/", "/api/health/");

    @Test
    void documentIsOpenApi31WithoutCredentials() {
        TestClient.Response response = api.get("/api/schema/");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("openapi").asString()).startsWith("3.1");
        assertThat(api.get("/api/schema").status()).isEqualTo(200);
    }

    @Test
    void everyEndpointOfTheContractIsInTheDocument() throws IOException {
        JsonNode paths = api.get("/api/schema/").json().path("paths");
        List<String> missing = new ArrayList<>();
        for (String endpoint : contract()) {
            String[] parts = endpoint.split(" ");
            if (paths.path(parts[1]).path(parts[0].toLowerCase()).isMissingNode()) {
                missing.add(endpoint);
            }
        }
        assertThat(missing).as("endpoints of API.md missing from /api/schema/").isEmpty();
    }

    @Test
    void bothSecuritySchemesAndEveryOperationSecuredUnlessPublic() {
        JsonNode document = api.get("/api/schema/").json();
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path("bearer").path("type").asString()).isEqualTo("http");
        assertThat(schemes.path("bearer").path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path("apiKey").path("type").asString()).isEqualTo("apiKey");
        assertThat(schemes.path("apiKey").path("in").asString()).isEqualTo("header");
        assertThat(schemes.path("apiKey").path("name").asString()).isEqualTo("X-API-Key");
        assertThat(document.path("security").toString()).contains("bearer", "apiKey");

        for (String endpoint : CONTRACT) {
            String[] parts = endpoint.split(" ");
            JsonNode operation = document.path("paths").path(parts[1]).path(parts[0].toLowerCase());
            if (operation.isMissingNode()) {
                continue; // reported by the test above
            }
            JsonNode security = operation.path("security");
            if (PUBLIC.contains(parts[1])) {
                assertThat(security.isArray() && security.isEmpty())
                        .as(endpoint + " is public")
                        .isTrue();
            } else {
                assertThat(security.isArray() && security.isEmpty())
                        .as(endpoint + " needs credentials")
                        .isFalse();
            }
        }
        assertThat(document.path("paths")
                        .path("/api/api-keys/")
                        .path("get")
                        .path("security")
                        .toString())
                .as("key management needs a session")
                .contains("bearer")
                .doesNotContain("apiKey");
    }

    @Test
    void errorAndPaginationSchemasAreDescribedAndUsed() {
        JsonNode document = api.get("/api/schema/").json();
        JsonNode schemas = document.path("components").path("schemas");
        assertThat(schemas.path("Error").path("required").toString()).contains("error", "message", "detail");
        assertThat(schemas.path("Error").path("properties").has("fields")).isTrue();
        assertThat(document.path("paths")
                        .path("/api/users/")
                        .path("post")
                        .path("responses")
                        .path("400")
                        .toString())
                .contains("#/components/schemas/Error");
        // Property names as the API writes them.
        for (JsonNode schema : schemas) {
            schema.path("properties")
                    .propertyNames()
                    .forEach(name -> assertThat(name).as("snake_case").matches("[a-z0-9_]+"));
        }
    }

    @Test
    void everyListAnswersATypedPageOfItsItems() {
        JsonNode document = api.get("/api/schema/").json();
        JsonNode schemas = document.path("components").path("schemas");
        Map<String, String> lists = Map.of(
                "/api/dashboards/", "Dashboard",
                "/api/reports/", "Report",
                "/api/data-sources/", "DataSource",
                "/api/users/", "User",
                "/api/api-keys/", "ApiKey",
                "/api/api-keys/{id}/activity/", "ApiKeyUse",
                "/api/audit-events/", "AuditEvent");
        lists.forEach((path, items) -> {
            JsonNode ok = document.path("paths")
                    .path(path)
                    .path("get")
                    .path("responses")
                    .path("200");
            assertThat(ok.path("content")
                            .path("application/json")
                            .path("schema")
                            .path("$ref")
                            .asString())
                    .as(path)
                    .isEqualTo("#/components/schemas/" + items + "Page");
            JsonNode page = schemas.path(items + "Page");
            assertThat(page.path("required").toString()).contains("count", "next", "previous", "results");
            assertThat(page.path("properties")
                            .path("results")
                            .path("items")
                            .path("$ref")
                            .asString())
                    .isEqualTo("#/components/schemas/" + items);
            assertThat(page.path("properties").path("next").path("type").toString())
                    .contains("null");
            assertThat(schemas.path(items).path("properties").has("id") || items.equals("ApiKeyUse"))
                    .as(items + " is described")
                    .isTrue();
        });
        assertThat(schemas.propertyNames()).noneMatch(name -> name.startsWith("Page"));
        // Two records of one simple name (identity's and mfa's Status) once shared one schema.
        assertThat(document.path("paths").path("/api/auth/mfa/").path("get").toString())
                .contains("#/components/schemas/MfaStatus");
        assertThat(schemas.path("MfaStatus").path("properties").has("enabled")).isTrue();
        assertThat(schemas.path("AuthStatus").path("properties").has("organization"))
                .isTrue();
    }

    @Test
    void everyOperationHasAStableIdASummaryADescriptionAndADefinedTag() {
        JsonNode document = api.get("/api/schema/").json();
        Map<String, String> tags = new HashMap<>();
        document.path("tags")
                .forEach(tag -> tags.put(
                        tag.path("name").asString(), tag.path("description").asString()));
        assertThat(tags)
                .isNotEmpty()
                .allSatisfy((name, description) -> assertThat(description).isNotBlank());
        Set<String> ids = new HashSet<>();
        Set<String> used = new HashSet<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(method -> {
                    JsonNode operation = method.getValue();
                    String endpoint = method.getKey().toUpperCase() + " " + path.getKey();
                    String id = operation.path("operationId").asString();
                    // springdoc numbers a repeated method name (list_1, create_2): a client generator's list1(),
                    // create2().
                    assertThat(id).as(endpoint).matches("[a-z][a-zA-Z]+");
                    assertThat(ids.add(id))
                            .as(endpoint + ": " + id + " is unique")
                            .isTrue();
                    assertThat(operation.path("summary").asString())
                            .as(endpoint)
                            .isNotBlank();
                    assertThat(operation.path("description").asString())
                            .as(endpoint)
                            .isNotBlank();
                    assertThat(operation.path("tags")).as(endpoint).hasSize(1);
                    String tag = operation.path("tags").get(0).asString();
                    assertThat(tags).as(endpoint).containsKey(tag);
                    used.add(tag);
                }));
        assertThat(used).as("every tag is used").containsExactlyInAnyOrderElementsOf(tags.keySet());
        for (String expected : List.of(
                "POST /api/auth/login/ login",
                "POST /api/auth/token/refresh/ refreshToken",
                "GET /api/dashboards/ listDashboards",
                "POST /api/dashboards/ createDashboard",
                "POST /api/api-keys/ createApiKey",
                "GET /api/audit-events/ listAuditEvents")) {
            String[] parts = expected.split(" ");
            assertThat(document.path("paths")
                            .path(parts[1])
                            .path(parts[0].toLowerCase())
                            .path("operationId")
                            .asString())
                    .isEqualTo(parts[2]);
        }
    }

    @Test
    void infoNamesTheLicenseAContactAndThePomsVersion() {
        JsonNode info = api.get("/api/schema/").json().path("info");
        assertThat(info.path("title").asString()).isEqualTo("clariBI API");
        assertThat(info.path("description").asString()).isNotBlank();
        assertThat(info.path("license").path("name").asString()).isEqualTo("Apache-2.0");
        assertThat(info.path("license").path("url").asString())
                .isEqualTo("https://www.apache.org/licenses/LICENSE-2.0");
        assertThat(info.path("contact").path("name").asString()).isNotBlank();
        assertThat(info.path("contact").path("url").asString()).startsWith("https://");
        // The one version: bin/claribi --version prints the same (CommandLineIntegrationTests).
        assertThat(info.path("version").asString()).isEqualTo(ProjectVersion.ofPom());
    }

    /**
     * docs/openapi.json, the document readers and the generated client's build use, is the one the server serves. When
     * they differ, the served one is written to target/openapi.json: review it and copy it over.
     */
    @Test
    void servedDocumentIsDocsOpenApiJson() throws IOException {
        JsonNode served = api.get("/api/schema/").json();
        Path committed = Path.of("docs/openapi.json");
        Path written = Path.of("target/openapi.json");
        String pretty = TestClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n";
        if (!Files.exists(committed)
                || !TestClient.JSON.readTree(Files.readString(committed)).equals(served)) {
            Files.createDirectories(written.getParent());
            Files.writeString(written, pretty);
        }
        assertThat(Files.exists(committed)).as("docs/openapi.json exists").isTrue();
        List<String> differences = new ArrayList<>();
        differences("", TestClient.JSON.readTree(Files.readString(committed)), served, differences);
        assertThat(differences)
                .as("where docs/openapi.json differs from the served document (written to " + written + ")")
                .isEmpty();
    }

    /** The JSON Pointers at which two documents differ. */
    private static void differences(String at, JsonNode expected, JsonNode actual, List<String> found) {
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>(expected.propertyNames());
            names.addAll(actual.propertyNames());
            for (String name : names) {
                differences(
                        at + "/" + name.replace("~", "~0").replace("/", "~1"),
                        expected.path(name),
                        actual.path(name),
                        found);
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                differences(at + "/" + i, expected.get(i), actual.get(i), found);
            }
        } else if (!expected.equals(actual)) {
            found.add(at + ": " + expected + " in docs/openapi.json, " + actual + " served");
        }
    }

    @Test
    void creationsAre201AndEveryBodyIsDescribed() {
        JsonNode document = api.get("/api/schema/").json();
        for (String list :
                List.of("/api/dashboards/", "/api/reports/", "/api/data-sources/", "/api/users/", "/api/api-keys/")) {
            JsonNode create = document.path("paths").path(list).path("post");
            assertThat(create.path("responses").has("201")).as(list).isTrue();
            String body = create.path("requestBody").toString();
            assertThat(body).as(list).contains("#/components/schemas/").doesNotContain("JsonNode");
        }
        assertThat(document.path("components").path("schemas").has("JsonNode")).isFalse();
        assertThat(document.path("components")
                        .path("schemas")
                        .path("DataSourceFields")
                        .path("properties")
                        .path("type")
                        .path("enum")
                        .toString())
                .contains("postgresql", "rest_api");
        assertThat(document.path("components")
                        .path("schemas")
                        .path("DataSourceFields")
                        .path("properties")
                        .path("secrets")
                        .path("description")
                        .asString())
                .contains("write-only", "secret_fields");
    }

    @Test
    void swaggerUiOpensFromApiDocs() {
        TestClient.Response docs = api.get("/api/docs/");
        assertThat(docs.status()).isEqualTo(302);
        String location = docs.header("Location");
        assertThat(location).contains("/swagger-ui/index.html");
        TestClient.Response page = api.get(location);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("swagger-ui");
        assertThat(api.get("/api/schema/swagger-config").json().path("url").asString())
                .isEqualTo("/api/schema");
    }

    /** The contract's endpoints: this class's list, and those read from API.md itself when it is beside the project. */
    private static Set<String> contract() throws IOException {
        Set<String> endpoints = new LinkedHashSet<>(CONTRACT);
        Path file = Path.of("../shared/API.md");
        if (Files.exists(file)) {
            Matcher table = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/api/[^`\\s]*)`")
                    .matcher(Files.readString(file));
            while (table.find()) {
                endpoints.add(table.group(1) + " " + table.group(2));
            }
        }
        return endpoints;
    }
}
