package com.claribi.datasource;

import static com.claribi.support.ResourceRequests.TIMESTAMP;
import static com.claribi.support.ResourceRequests.delete;
import static com.claribi.support.ResourceRequests.patch;
import static com.claribi.support.ResourceRequests.put;
import static com.claribi.support.ResourceRequests.session;
import static com.claribi.support.ResponseAssert.assertThat;
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
import tools.jackson.databind.node.ObjectNode;

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

    @Autowired
    private DataSourceManagement management;

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

    /** The security review's request: credentials under keys and in values the first rule did not know. */
    @Test
    void credentialsUnderOrdinaryKeysAndInValuesAreSealed(CapturedOutput output) {
        String body = """
                {"name": "W", "type": "rest_api", "config": {"url": "postgresql://bi:Sup3rSecretPw@db/x",
                 "headers": {"Authorization": "Bearer eyJLEAKEDTOKEN", "Accept": "application/json"},
                 "key": "AKIALEAKEDKEY", "service_account_json": "{\\"private_key\\":\\"-----BEGIN\\"}",
                 "mirrors": ["https://m1", "redis://:MirrorPw@m2"]}}""";
        // The four values of the review (the fourth is JSON text, escaped in answers: its parts are looked for), and
        // a URL inside an array.
        String[] leaks = {"Sup3rSecretPw", "eyJLEAKEDTOKEN", "AKIALEAKEDKEY", "private_key", "-----BEGIN", "MirrorPw"};

        TestClient.Response created = keep(api.post(DATA_SOURCES, body, auth));
        assertThat(created.status()).isEqualTo(201);
        JsonNode source = created.json();
        long id = source.path("id").asLong();
        assertThat(strings(source.path("secret_fields")))
                .containsExactlyInAnyOrder("url", "headers.Authorization", "key", "service_account_json", "mirrors[1]");
        assertThat(source.path("config"))
                .isEqualTo(TestClient.JSON.readTree(
                        "{\"headers\": {\"Accept\": \"application/json\"}, \"mirrors\": [\"https://m1\", null]}"));

        String path = DATA_SOURCES + id + "/";
        keep(api.get(path, auth));
        keep(api.get(DATA_SOURCES, auth));
        TestClient.Response patched = keep(patch(api, path, Map.of("config", Map.of("timeout", 30)), auth));
        assertThat(strings(patched.json().path("secret_fields")))
                .containsExactlyInAnyOrder("url", "headers.Authorization", "key", "service_account_json", "mirrors[1]");
        keep(put(api, path, body, auth));
        for (TestClient.Response response : responses) {
            assertThat(response.text()).doesNotContain(leaks);
        }

        Map<String, Object> row = jdbc.sql("select * from data_sources where id = ?")
                .param(id)
                .query()
                .singleRow();
        assertThat(row.values().stream().map(String::valueOf).toList())
                .allSatisfy(column -> assertThat(column).doesNotContain(leaks));
        assertThat(unsealed(id)).contains(leaks);
        assertThat(output.getAll()).doesNotContain("Sup3rSecretPw", "eyJLEAKEDTOKEN", "AKIALEAKEDKEY", "MirrorPw");
    }

    /**
     * The security review's second request (issue 11, item 7): credentials under names and in a URL parameter that the
     * rule did not know came back in clear to every member. Now none reaches an administrator, an editor or a viewer,
     * in any answer, the audit trail or the log, and each is listed in secret_fields.
     */
    @Test
    void accountKeyEncryptionKeyPwXAuthHeaderAndUrlApiKeyAreNeverReturnedToAnyMember(CapturedOutput output) {
        String accountKey = secret("account-key");
        String encryptionKey = secret("encryption-key");
        String pw = secret("pw");
        String xAuth = secret("x-auth");
        String urlKey = secret("url-key");
        String[] leaks = {accountKey, encryptionKey, pw, xAuth, urlKey};
        Map<String, Object> config = new HashMap<>();
        config.put("account", "acme");
        config.put("account_key", accountKey);
        config.put("encryption_key", encryptionKey);
        config.put("pw", pw);
        config.put("headers", Map.of("X-Auth", xAuth, "Accept", "application/json"));
        config.put("url", "https://api.example.com/v1/export?format=csv&api_key=" + urlKey);
        config.put("host", "api.example.com");

        TestClient.Response created =
                keep(api.post(DATA_SOURCES, Map.of("name", "Storage", "type", "rest_api", "config", config), auth));
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        String path = DATA_SOURCES + id + "/";
        String[] editor = session(api, newUserInOrganization(admin.user().organizationId(), Role.EDITOR));
        String[] viewer = session(api, newUserInOrganization(admin.user().organizationId(), Role.VIEWER));
        for (String[] member : List.of(auth, editor, viewer)) {
            JsonNode source = keep(api.get(path, member)).json();
            assertThat(strings(source.path("secret_fields")))
                    .containsExactlyInAnyOrder("account_key", "encryption_key", "pw", "headers.X-Auth", "url");
            // What is not secret comes back as it was sent.
            assertThat(source.path("config")).isEqualTo(TestClient.JSON.readTree("""
                            {"account": "acme", "headers": {"Accept": "application/json"}, "host": "api.example.com"}"""));
            keep(api.get(DATA_SOURCES, member));
        }
        keep(patch(api, path, Map.of("name", "Storage (EU)"), editor));
        keep(api.get("/api/audit-events/", auth));
        for (TestClient.Response response : responses) {
            assertThat(response.status()).isLessThan(300);
            assertThat(response.text()).doesNotContain(leaks);
        }

        Map<String, Object> row = jdbc.sql("select * from data_sources where id = ?")
                .param(id)
                .query()
                .singleRow();
        assertThat(row.values().stream().map(String::valueOf).toList())
                .allSatisfy(column -> assertThat(column).doesNotContain(leaks));
        assertThat(unsealed(id)).contains(leaks);
        assertThat(management.settings(admin.user().organizationId(), id).orElseThrow())
                .isEqualTo(TestClient.JSON.readTree(TestClient.JSON.writeValueAsString(config)));
        assertThat(output.getAll()).doesNotContain(leaks);
    }

    /** Secrets stated explicitly, under names no rule knows: stored sealed, listed, never returned, merged on use. */
    @Test
    void explicitSecretsAreStoredListedNeverReturnedAndMergedOnUse(CapturedOutput output) {
        String custom = secret("custom");
        String pin = secret("pin");
        String body = """
                {"name": "Partner API", "type": "rest_api",
                 "config": {"host": "partner.example.com", "headers": {"Accept": "text/csv"}},
                 "secrets": {"headers": {"X-Partner": "%s"}, "tenant": {"pin": "%s"}, "nothing": null}}""".formatted(custom, pin);
        TestClient.Response created = keep(api.post(DATA_SOURCES, body, auth));
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        JsonNode shown = TestClient.JSON.readTree("""
                {"host": "partner.example.com", "headers": {"Accept": "text/csv"}, "tenant": {}}""");
        assertThat(created.json().path("config")).isEqualTo(shown);
        assertThat(created.json().has("secrets")).isFalse();
        assertThat(strings(created.json().path("secret_fields")))
                .containsExactlyInAnyOrder("headers.X-Partner", "tenant.pin");
        JsonNode read = keep(api.get(DATA_SOURCES + id + "/", auth)).json();
        assertThat(read.path("config")).isEqualTo(shown);
        assertThat(strings(read.path("secret_fields"))).containsExactlyInAnyOrder("headers.X-Partner", "tenant.pin");
        keep(api.get(DATA_SOURCES, auth));
        for (TestClient.Response response : responses) {
            assertThat(response.text()).doesNotContain(custom, pin);
        }
        assertThat(unsealed(id)).contains(custom, pin);
        assertThat(management.settings(admin.user().organizationId(), id).orElseThrow())
                .isEqualTo(TestClient.JSON.readTree("""
                        {"host": "partner.example.com", "headers": {"Accept": "text/csv", "X-Partner": "%s"},
                         "tenant": {"pin": "%s"}}""".formatted(custom, pin)));
        assertThat(output.getAll()).doesNotContain(custom, pin);
    }

    @Test
    void patchOfSecretsChangesOneRemovesOneWithNullAndKeepsWhatIsNotSent() {
        String custom = secret("custom");
        String pin = secret("pin");
        TestClient.Response created = api.post(
                DATA_SOURCES,
                Map.of(
                        "name",
                        "Partner",
                        "type",
                        "rest_api",
                        "config",
                        Map.of("host", "partner.example.com"),
                        "secrets",
                        Map.of("headers", Map.of("X-Partner", custom), "pin", pin)),
                auth);
        long id = created.json().path("id").asLong();
        String path = DATA_SOURCES + id + "/";

        // Neither a PATCH of other fields nor one of config touches a secret not sent.
        patch(api, path, Map.of("name", "Partner (EU)"), auth);
        JsonNode configChanged = patch(api, path, Map.of("config", Map.of("host", "eu.partner.example.com")), auth)
                .json();
        assertThat(strings(configChanged.path("secret_fields"))).containsExactlyInAnyOrder("headers.X-Partner", "pin");
        assertThat(unsealed(id)).contains(custom, pin);

        String newPin = secret("new-pin");
        JsonNode changed =
                patch(api, path, Map.of("secrets", Map.of("pin", newPin)), auth).json();
        assertThat(changed.toString()).doesNotContain(newPin, custom);
        assertThat(unsealed(id)).contains(custom, newPin).doesNotContain(pin);

        Map<String, Object> remove = new HashMap<>();
        remove.put("X-Partner", null);
        JsonNode removed = patch(api, path, Map.of("secrets", Map.of("headers", remove)), auth)
                .json();
        assertThat(strings(removed.path("secret_fields"))).containsExactly("pin");
        assertThat(unsealed(id)).doesNotContain(custom).contains(newPin);
        assertThat(management.settings(admin.user().organizationId(), id).orElseThrow())
                .isEqualTo(TestClient.JSON.readTree("""
                        {"host": "eu.partner.example.com", "headers": {}, "pin": "%s"}""".formatted(newPin)));
        assertThat(api.get(path, auth).json()).isEqualTo(removed);
    }

    @Test
    void putReplacesTheSecretsAndOneNotRestatedIsGone() {
        long id = create(Map.of("host", "db", "password", secret("password")));
        String path = DATA_SOURCES + id + "/";
        String pin = secret("pin");
        JsonNode replaced = put(
                        api,
                        path,
                        Map.of(
                                "name",
                                "db",
                                "type",
                                "postgresql",
                                "config",
                                Map.of("host", "db"),
                                "secrets",
                                Map.of("pin", pin)),
                        auth)
                .json();
        assertThat(strings(replaced.path("secret_fields"))).containsExactly("pin");
        assertThat(unsealed(id)).contains(pin).doesNotContain("password");

        JsonNode withoutSecrets = put(
                        api, path, Map.of("name", "db", "type", "postgresql", "config", Map.of("host", "db")), auth)
                .json();
        assertThat(withoutSecrets.path("secret_fields").isEmpty()).isTrue();
        assertThat(management.settings(admin.user().organizationId(), id).orElseThrow())
                .isEqualTo(TestClient.JSON.readTree("{\"host\": \"db\"}"));
    }

    @Test
    void secretsNotAnObjectStatedTwiceOrTooDeepAreRefusedWithoutEchoingThem() {
        for (String secrets : List.of("\"pw=x\"", "[1]", "null", "5")) {
            TestClient.Response refused =
                    api.post(DATA_SOURCES, "{\"name\": \"x\", \"type\": \"csv\", \"secrets\": " + secrets + "}", auth);
            assertThat(refused).as(secrets).isError(400, "validation_error");
            assertThat(refused.json().path("fields").path("secrets").get(0).asString())
                    .isEqualTo("Must be a JSON object.");
        }
        String first = secret("first");
        String second = secret("second");
        TestClient.Response twice = api.post(
                DATA_SOURCES,
                Map.of(
                        "name",
                        "x",
                        "type",
                        "rest_api",
                        "config",
                        Map.of("headers", Map.of("X-Auth", first, "Accept", "text/csv")),
                        "secrets",
                        Map.of("headers", Map.of("X-Auth", second))),
                auth);
        assertThat(twice).isError(400, "validation_error");
        assertThat(twice.json().path("fields").path("secrets").get(0).asString())
                .startsWith("\"headers.X-Auth\" is in both config and secrets");
        assertThat(twice.text()).doesNotContain(first, second);

        TestClient.Response tooDeep = api.post(
                DATA_SOURCES,
                Map.of("name", "x", "type", "csv", "secrets", DataSourceConfigUnitTests.nested(33)),
                auth);
        assertThat(tooDeep.status()).isEqualTo(400);
        assertThat(tooDeep.json().path("fields").path("secrets").get(0).asString())
                .isEqualTo("At most 32 levels of nested objects and arrays, secrets itself included.");

        long id = create(Map.of("host", "db"));
        String path = DATA_SOURCES + id + "/";
        TestClient.Response patchedTwice =
                patch(api, path, Map.of("config", Map.of("pin", first), "secrets", Map.of("pin", second)), auth);
        assertThat(patchedTwice.status()).isEqualTo(400);
        assertThat(patchedTwice.json().path("fields").path("secrets").get(0).asString())
                .startsWith("\"pin\" is in both config and secrets");
        assertThat(patch(api, path, "{\"secrets\": null}", auth)
                        .json()
                        .path("fields")
                        .has("secrets"))
                .isTrue();
        assertThat(put(api, path, Map.of("name", "x", "type", "csv", "secrets", List.of()), auth)
                        .json()
                        .path("fields")
                        .has("secrets"))
                .isTrue();
        assertThat(api.get(path, auth).json().path("config").path("host").asString())
                .isEqualTo("db");
    }

    /** A row written before the rule knew a name: not shown from the first read on, sealed at the next write. */
    @Test
    void aSecretStoredInClearBeforeTheRuleKnewItIsNotShownAndIsSealedAtTheNextWrite() {
        long id = create(Map.of("host", "db"));
        String legacy = secret("legacy-account-key");
        jdbc.sql("update data_sources set config = ? where id = ?")
                .params("{\"host\": \"db\", \"account_key\": \"" + legacy + "\"}", id)
                .update();
        String path = DATA_SOURCES + id + "/";

        TestClient.Response read = api.get(path, auth);
        assertThat(read.text()).doesNotContain(legacy);
        assertThat(strings(read.json().path("secret_fields"))).containsExactly("account_key");
        assertThat(api.get(DATA_SOURCES, auth).text()).doesNotContain(legacy);

        TestClient.Response renamed = patch(api, path, Map.of("name", "renamed"), auth);
        assertThat(renamed.text()).doesNotContain(legacy);
        assertThat(jdbc.sql("select config from data_sources where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .doesNotContain(legacy);
        assertThat(unsealed(id)).contains(legacy);
    }

    /** What the server does once started: every row holding a secret in clear is sealed, the others untouched. */
    @Test
    void sealingAtStartSealsEveryRowHoldingASecretInClearAndOnlyThose() {
        long clear = create(Map.of("host", "db"));
        long clean = create(Map.of("host", "db2", "password", secret("password")));
        String legacy = secret("legacy-pw");
        jdbc.sql("update data_sources set config = ? where id = ?")
                .params("{\"host\": \"db\", \"replicas\": [{\"pw\": \"" + legacy + "\"}]}", clear)
                .update();
        Map<String, Object> cleanBefore = row(clean);

        assertThat(management.sealSecretsInClear()).isPositive();
        assertThat(jdbc.sql("select config from data_sources where id = ?")
                        .param(clear)
                        .query(String.class)
                        .single())
                .doesNotContain(legacy);
        assertThat(unsealed(clear)).contains(legacy);
        assertThat(strings(api.get(DATA_SOURCES + clear + "/", auth).json().path("secret_fields")))
                .containsExactly("replicas[0].pw");
        assertThat(row(clean)).isEqualTo(cleanBefore);
        assertThat(management.sealSecretsInClear()).isZero();
    }

    @Test
    void configDeeperThan32LevelsIsRefusedAndTheListStillAnswers() {
        ObjectNode tooDeep = DataSourceConfigUnitTests.nested(33);
        ObjectNode deepest = DataSourceConfigUnitTests.nested(32);

        TestClient.Response refused =
                api.post(DATA_SOURCES, Map.of("name", "deep", "type", "csv", "config", tooDeep), auth);
        assertThat(refused).isError(400, "validation_error");
        assertThat(refused.json().path("fields").path("config").get(0).asString())
                .isEqualTo("At most 32 levels of nested objects and arrays, config itself included.");
        TestClient.Response refusedWithOthers = api.post(
                DATA_SOURCES, Map.of("name", "", "type", "csv", "config", DataSourceConfigUnitTests.nested(498)), auth);
        assertThat(refusedWithOthers.status()).isEqualTo(400);
        assertThat(refusedWithOthers.json().path("fields").has("name")).isTrue();
        assertThat(refusedWithOthers.json().path("fields").has("config")).isTrue();

        TestClient.Response created =
                api.post(DATA_SOURCES, Map.of("name", "deep", "type", "csv", "config", deepest), auth);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("config")).isEqualTo(deepest);
        String path = DATA_SOURCES + created.json().path("id").asLong() + "/";

        assertThat(put(api, path, Map.of("name", "deep", "type", "csv", "config", tooDeep), auth)
                        .json()
                        .path("fields")
                        .has("config"))
                .isTrue();
        TestClient.Response patchedTooDeep = patch(api, path, Map.of("config", Map.of("b", deepest)), auth);
        assertThat(patchedTooDeep.status()).isEqualTo(400);
        assertThat(patchedTooDeep.json().path("fields").has("config")).isTrue();
        assertThat(api.get(path, auth).json().path("config")).isEqualTo(deepest);

        TestClient.Response list = api.get(DATA_SOURCES, auth);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("results").findValues("config")).contains(deepest);
    }

    /** A configuration stored before the limit: a PATCH may not keep it too deep, and may make it shallow. */
    @Test
    void patchChecksTheDepthAfterTheMerge() {
        long id = create(Map.of("host", "db"));
        ObjectNode legacy = DataSourceConfigUnitTests.nested(40);
        jdbc.sql("update data_sources set config = ? where id = ?")
                .params(legacy.toString(), id)
                .update();
        String path = DATA_SOURCES + id + "/";
        assertThat(api.get(DATA_SOURCES, auth).status()).isEqualTo(200);

        TestClient.Response refused = patch(api, path, Map.of("config", Map.of("host", "db2")), auth);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("fields").has("config")).isTrue();

        Map<String, Object> removeDeep = new HashMap<>();
        removeDeep.put("a", null);
        removeDeep.put("host", "db2");
        TestClient.Response fixed = patch(api, path, Map.of("config", removeDeep), auth);
        assertThat(fixed.status()).isEqualTo(200);
        assertThat(fixed.json().path("config")).isEqualTo(TestClient.JSON.readTree("{\"host\": \"db2\"}"));
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
            assertThat(refused).as(config).isError(400, "validation_error");
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

    private Map<String, Object> row(long id) {
        return jdbc.sql("select * from data_sources where id = ?")
                .param(id)
                .query()
                .singleRow();
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
