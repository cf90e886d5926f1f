package com.claribi.datasource;

import static com.claribi.support.ResourceRequests.TIMESTAMP;
import static com.claribi.support.ResourceRequests.delete;
import static com.claribi.support.ResourceRequests.patch;
import static com.claribi.support.ResourceRequests.put;
import static com.claribi.support.ResourceRequests.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.platform.MasterKey;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Data sources: types, configuration, and secret values that are sealed at rest and never leave the server, in any
 * answer or log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class DataSourcesIntegrationTests extends ServerIntegrationTest {

    private static final String DATA_SOURCES = "/api/data-sources/";

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private MasterKey masterKey;

    private Account admin;
    private String[] auth;
    private final List<TestClient.Response> responses = new ArrayList<>();

    @BeforeEach
    void signIn() {
        admin = newUser(Role.ADMINISTRATOR);
        auth = session(api, admin);
    }

    @Test
    void secretsAreNeverInAnyAnswerNorTheLogNorThePlainDatabase(CapturedOutput output) {
        String password = secret("password");
        String privateKey = secret("private-key");
        String apiKey = secret("api-key");
        String token = secret("token");
        Map<String, Object> config = new HashMap<>();
        config.put("host", "db.internal");
        config.put("port", 5432);
        config.put("user", "bi");
        config.put("password", password);
        config.put("ssh", Map.of("host", "bastion", "privateKey", privateKey));
        config.put("replicas", List.of(Map.of("host", "r1", "API-Key", apiKey)));

        TestClient.Response created =
                keep(api.post(DATA_SOURCES, Map.of("name", "Warehouse", "type", "postgresql", "config", config), auth));
        assertThat(created.status()).isEqualTo(201);
        JsonNode source = created.json();
        long id = source.path("id").asLong();
        assertThat(source.path("type").asString()).isEqualTo("postgresql");
        assertThat(source.path("created_at").asString()).matches(TIMESTAMP);
        assertThat(source.path("config").path("host").asString()).isEqualTo("db.internal");
        assertThat(source.path("config").path("port").asInt()).isEqualTo(5432);
        assertThat(source.path("config").path("ssh").path("host").asString()).isEqualTo("bastion");
        assertThat(source.path("config").has("password")).isFalse();
        assertThat(source.path("config").path("ssh").has("privateKey")).isFalse();
        assertThat(source.path("config").path("replicas").get(0).has("API-Key")).isFalse();
        assertThat(strings(source.path("secret_fields")))
                .containsExactlyInAnyOrder("password", "ssh.privateKey", "replicas[0].API-Key");

        String path = DATA_SOURCES + id + "/";
        keep(api.get(path, auth));
        keep(api.get(DATA_SOURCES, auth));
        keep(patch(api, path, Map.of("name", "Warehouse (EU)"), auth));
        keep(patch(api, path, Map.of("config", Map.of("port", 6543, "token", token)), auth));
        keep(put(api, path, Map.of("name", "Warehouse", "type", "postgresql", "config", config), auth));
        // Refusals must not echo a secret either.
        keep(api.post(
                DATA_SOURCES, Map.of("name", "", "type", "oracle", "config", Map.of("password", password)), auth));
        keep(api.post(
                DATA_SOURCES, "{\"name\": \"x\", \"type\": \"mysql\", \"config\": {\"password\": \"" + password, auth));
        keep(api.post(DATA_SOURCES, "{\"config\": {\"password\": " + password + "}}", auth));

        for (TestClient.Response response : responses) {
            assertThat(response.text()).doesNotContain(password, privateKey, apiKey, token);
        }

        Map<String, Object> row = jdbc.sql("select * from data_sources where id = ?")
                .param(id)
                .query()
                .singleRow();
        assertThat(row.values().stream().map(String::valueOf).toList())
                .allSatisfy(column -> assertThat(column).doesNotContain(password, privateKey, apiKey, token));
        String sealed = unsealed(id);
        assertThat(sealed).contains(password, privateKey, apiKey);

        LoggerFactory.getLogger(DataSourcesIntegrationTests.class).info("log capture works");
        assertThat(output.getAll()).contains("log capture works");
        assertThat(output.getAll()).doesNotContain(password, privateKey, apiKey, token);
    }

    @Test
    void patchWithoutASecretKeepsItAndNullRemovesIt() {
        String password = secret("password");
        String clientSecret = secret("client-secret");
        long id = create(Map.of(
                "host", "db", "password", password, "oauth", Map.of("client_id", "bi", "client_secret", clientSecret)));
        String path = DATA_SOURCES + id + "/";

        JsonNode patched = patch(
                        api, path, Map.of("config", Map.of("host", "db2", "oauth", Map.of("client_id", "bi2"))), auth)
                .json();
        assertThat(patched.path("config").path("host").asString()).isEqualTo("db2");
        assertThat(patched.path("config").path("oauth").path("client_id").asString())
                .isEqualTo("bi2");
        assertThat(strings(patched.path("secret_fields"))).containsExactlyInAnyOrder("password", "oauth.client_secret");
        assertThat(unsealed(id)).contains(password, clientSecret);

        JsonNode renamed = patch(api, path, Map.of("name", "renamed", "type", "mysql"), auth)
                .json();
        assertThat(renamed.path("type").asString()).isEqualTo("mysql");
        assertThat(unsealed(id)).contains(password, clientSecret);

        String newPassword = secret("new-password");
        patch(api, path, Map.of("config", Map.of("password", newPassword)), auth);
        assertThat(unsealed(id)).contains(newPassword, clientSecret).doesNotContain(password);

        Map<String, Object> remove = new HashMap<>();
        remove.put("password", null);
        JsonNode removed = patch(api, path, Map.of("config", remove), auth).json();
        assertThat(strings(removed.path("secret_fields"))).containsExactly("oauth.client_secret");
        assertThat(unsealed(id)).doesNotContain(newPassword).contains(clientSecret);
        assertThat(api.get(path, auth).json()).isEqualTo(removed);
    }

    @Test
    void putReplacesTheWholeConfigurationSecretsIncluded() {
        long id = create(Map.of("host", "db", "password", secret("password")));
        TestClient.Response replaced =
                put(api, DATA_SOURCES + id + "/", Map.of("name", "csv files", "type", "csv"), auth);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().path("config").isObject()).isTrue();
        assertThat(replaced.json().path("config").isEmpty()).isTrue();
        assertThat(replaced.json().path("secret_fields").isEmpty()).isTrue();
        assertThat(jdbc.sql("select count(*) from data_sources where id = ? and secrets is null")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        TestClient.Response withoutType = put(api, DATA_SOURCES + id + "/", Map.of("name", "x"), auth);
        assertThat(withoutType.status()).isEqualTo(400);
        assertThat(withoutType.json().path("fields").has("type")).isTrue();
    }

    @Test
    void everyTypeOfTheFixedListAndNoOther() {
        for (String type : List.of("postgresql", "mysql", "bigquery", "snowflake", "csv", "rest_api")) {
            TestClient.Response created = api.post(DATA_SOURCES, Map.of("name", type, "type", type), auth);
            assertThat(created.status()).as(type).isEqualTo(201);
            assertThat(created.json().path("type").asString()).isEqualTo(type);
            assertThat(created.json().path("config").isObject()).isTrue();
        }
        for (Object type : List.of("oracle", "PostgreSQL", "", 3)) {
            TestClient.Response refused = api.post(DATA_SOURCES, Map.of("name", "x", "type", type), auth);
            assertThat(refused.status()).as("type " + type).isEqualTo(400);
            assertThat(refused.json().path("fields").has("type"))
                    .as("type " + type)
                    .isTrue();
        }
        TestClient.Response missing = api.post(DATA_SOURCES, Map.of("name", "x"), auth);
        assertThat(missing.json().path("fields").path("type").get(0).asString()).isEqualTo("This field is required.");
    }

    @Test
    void configMustBeAnObject() {
        for (String config : List.of("\"host=db\"", "[1]", "null", "5")) {
            TestClient.Response refused =
                    api.post(DATA_SOURCES, "{\"name\": \"x\", \"type\": \"csv\", \"config\": " + config + "}", auth);
            assertThat(refused.status()).as(config).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("validation_error");
            assertThat(refused.json().path("fields").has("config")).as(config).isTrue();
        }
        long id = create(Map.of("host", "db"));
        TestClient.Response patched = patch(api, DATA_SOURCES + id + "/", "{\"config\": null}", auth);
        assertThat(patched.status()).isEqualTo(400);
        assertThat(patched.json().path("fields").has("config")).isTrue();
    }

    @Test
    void deleteThenNotFound() {
        long id = create(Map.of("password", secret("password")));
        assertThat(delete(api, DATA_SOURCES + id + "/", auth).status()).isEqualTo(204);
        TestClient.Response gone = api.get(DATA_SOURCES + id + "/", auth);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("detail").asString()).isEqualTo("No data source with ID " + id + " was found.");
    }

    private long create(Map<String, Object> config) {
        TestClient.Response created =
                api.post(DATA_SOURCES, Map.of("name", "Source", "type", "postgresql", "config", config), auth);
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    /** The sealed secrets of a data source, decrypted as the server would. */
    private String unsealed(long id) {
        String sealed = jdbc.sql("select secrets from data_sources where id = ?")
                .param(id)
                .query(String.class)
                .single();
        assertThat(sealed).startsWith("v1:");
        return new String(
                masterKey.decrypt("data-source:" + admin.user().organizationId() + ":" + id, sealed),
                StandardCharsets.UTF_8);
    }

    private TestClient.Response keep(TestClient.Response response) {
        responses.add(response);
        return response;
    }

    private static String secret(String what) {
        return what + "-" + UUID.randomUUID();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
