package com.claribi.datasource;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The secret rule (by key and by value), the depth limit, and a configuration split into what is shown and what is
 * sealed, merged by RFC 7396.
 */
class DataSourceConfigUnitTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "password",
                "PASSWORD",
                "db_password",
                "passwd",
                "pass",
                "pwd",
                "passphrase",
                "secret",
                "client_secret",
                "clientSecret",
                "aws-secret-access-key",
                "token",
                "access_token",
                "refreshToken",
                "private_key",
                "privateKey",
                "Private-Key",
                "private key",
                "api_key",
                "apiKey",
                "API-KEY",
                "x-api-key",
                "access_key",
                "accessKeyId",
                "credentials",
                "service_account_credentials",
                "keyfile",
                "connection_string",
                "dsn",
                "key",
                "KEY",
                "auth",
                "Authorization",
                "proxy-authorization",
                "bearer",
                "bearer_token",
                "cookie",
                "Set-Cookie",
                "session_cookie",
                "sas",
                "sas_token",
                "SasToken",
                "signature",
                "request_signature",
                "private_key_id",
                "privateKeyId",
                "service_account",
                "service_account_json",
                "serviceAccountKey",
                "key_json",
                "gcp_key_json"
            })
    void secretKeys(String key) {
        assertThat(SecretRule.isSecretKey(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "host",
                "port",
                "user",
                "username",
                "database",
                "account",
                "warehouse",
                "project",
                "schema",
                "keyspace",
                "key_id",
                "auth_type",
                "authentication",
                "author",
                "sasl_mechanism",
                "headers",
                "Content-Type",
                "ssl",
                "passive_mode",
                "compass",
                "url"
            })
    void ordinaryKeys(String key) {
        assertThat(SecretRule.isSecretKey(key)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "postgresql://bi:Sup3rSecretPw@db/x",
                "jdbc:mysql://root:pw@db:3306/shop",
                "redis://:pw@cache:6379/0",
                "mongodb+srv://bi:p%40ss@cluster0.example.net/db?retryWrites=true",
                "postgresql://bi:pa/ss#1@db/x",
                "postgresql://bi:p@ss@db/x",
                "DATABASE_URL=postgres://u:p@h/d ; other text",
                "see https://example.com and then amqp://guest:guest@rabbit:5672/",
                "-----BEGIN PRIVATE KEY-----\nMIIEv...\n-----END PRIVATE KEY-----",
                "  -----BEGIN RSA PRIVATE KEY-----",
                "-----BEGIN CERTIFICATE-----",
                "Bearer eyJLEAKEDTOKEN",
                "bearer abc",
                "BEARER\tabc",
                "Basic Ymk6cHc=",
                " basic Ymk6cHc="
            })
    void secretValues(String value) {
        assertThat(SecretRule.isSecretValue(JsonNodeFactory.instance.stringNode(value)))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "db.internal",
                "postgresql://db/x",
                "postgresql://bi@db/x",
                "postgresql://bi:@db/x",
                "postgresql://db:5432/x",
                "https://api.example.com/v1?user=a:b",
                "mailto:bi@example.com",
                "bi:pw@db",
                "user@example.com",
                "Bearer",
                "Bearers of good news",
                "Basically fine",
                "the -----BEGIN marker mid-text",
                "text/csv"
            })
    void ordinaryValues(String value) {
        assertThat(SecretRule.isSecretValue(JsonNodeFactory.instance.stringNode(value)))
                .isFalse();
    }

    @Test
    void onlyStringsAreSecretValues() {
        assertThat(SecretRule.isSecretValue(json("{\"a\": \"Bearer x\"}"))).isFalse();
        assertThat(SecretRule.isSecretValue(JsonNodeFactory.instance.numberNode(5)))
                .isFalse();
        assertThat(SecretRule.isSecretValue(JsonNodeFactory.instance.nullNode()))
                .isFalse();
    }

    @Test
    void urlRuleStaysLinearOnHostileInput() {
        String hostile = "://:".repeat(250_000) + "x";
        long start = System.nanoTime();
        assertThat(SecretRule.isSecretValue(JsonNodeFactory.instance.stringNode(hostile)))
                .isFalse();
        assertThat(SecretRule.isSecretValue(JsonNodeFactory.instance.stringNode(hostile + "@h")))
                .isTrue();
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void valuesAreSealedWhateverTheirKeyInObjectsAndArrays() {
        ObjectNode whole = json("""
                {"url": "postgresql://bi:pw1@db/x", "headers": {"Accept": "text/csv", "X-Auth": "Bearer t1"},
                 "hosts": ["https://a", "redis://:pw2@b", {"pem": "-----BEGIN KEY-----k1"}], "port": 5432}""");
        DataSourceConfig config = DataSourceConfig.split(whole);

        assertThat(config.visible()).isEqualTo(json("""
                {"headers": {"Accept": "text/csv"}, "hosts": ["https://a", null, {}], "port": 5432}"""));
        assertThat(config.secretFields()).containsExactly("url", "headers.X-Auth", "hosts[1]", "hosts[2].pem");
        assertThat(config.visible().toString()).doesNotContain("pw1", "t1", "pw2", "k1");
        assertThat(config.whole()).isEqualTo(whole);
    }

    @Test
    void theReviewedLeakIsSealed() {
        ObjectNode whole = json("""
                {"url": "postgresql://bi:Sup3rSecretPw@db/x", "headers": {"Authorization": "Bearer eyJLEAKEDTOKEN"},
                 "key": "AKIALEAKEDKEY", "service_account_json": "{\\"private_key\\":\\"-----BEGIN\\"}"}""");
        DataSourceConfig config = DataSourceConfig.split(whole);
        assertThat(config.visible()).isEqualTo(json("{\"headers\": {}}"));
        assertThat(config.secretFields())
                .containsExactlyInAnyOrder("url", "headers.Authorization", "key", "service_account_json");
        assertThat(config.whole()).isEqualTo(whole);
    }

    @Test
    void depthCountsObjectsAndArraysWithTheConfigurationItself() {
        assertThat(DataSourceConfig.tooDeep(json("{}"))).isFalse();
        assertThat(DataSourceConfig.tooDeep(nested(DataSourceConfig.MAX_DEPTH))).isFalse();
        assertThat(DataSourceConfig.tooDeep(nested(DataSourceConfig.MAX_DEPTH + 1)))
                .isTrue();
        assertThat(DataSourceConfig.tooDeep(nested(498))).isTrue();
        assertThat(DataSourceConfig.tooDeep(json("{\"a\": [{}]}"))).isFalse();
    }

    @Test
    void splitRemovesSecretsAtEveryDepthAndWholeRestoresThem() {
        ObjectNode whole = json("""
                {"host": "db", "password": "p1", "ssh": {"host": "b", "private_key": "k1"},
                 "replicas": [{"host": "r1", "token": "t1"}, {"host": "r2"}],
                 "credentials": {"type": "service_account", "private_key": "k2"}, "api_key": null}""");
        DataSourceConfig config = DataSourceConfig.split(whole);

        assertThat(config.visible()).isEqualTo(json("""
                {"host": "db", "ssh": {"host": "b"}, "replicas": [{"host": "r1"}, {"host": "r2"}]}"""));
        assertThat(config.secretFields())
                .containsExactly("password", "ssh.private_key", "replicas[0].token", "credentials");
        assertThat(config.secrets().toString()).contains("p1", "k1", "t1", "k2");
        assertThat(config.toString()).doesNotContain("p1", "k1", "t1", "k2");
        whole.remove("api_key");
        assertThat(config.whole()).isEqualTo(whole);
    }

    @Test
    void keysWithPointerCharactersRoundTrip() {
        ObjectNode whole = json("""
                {"a/b": {"password": "p"}, "c~d": [{"secret": "s"}], "0": {"token": "t"}}""");
        assertThat(DataSourceConfig.split(whole).whole()).isEqualTo(whole);
    }

    @Test
    void mergePatchKeepsWhatIsNotSentRemovesNullsAndReplacesSecretsWhole() {
        ObjectNode stored = json("""
                {"host": "db", "password": "p1", "options": {"ssl": true, "timeout": 5},
                 "credentials": {"type": "service_account", "private_key": "k"}, "tags": ["a", "b"]}""");
        ObjectNode patch = json("""
                {"host": "db2", "options": {"timeout": null, "retries": 3},
                 "credentials": {"private_key": "k2"}, "tags": ["c"], "extra": {"x": null, "y": 1}}""");
        assertThat(DataSourceConfig.mergePatch(stored, patch)).isEqualTo(json("""
                {"host": "db2", "password": "p1", "options": {"ssl": true, "retries": 3},
                 "credentials": {"private_key": "k2"}, "tags": ["c"], "extra": {"y": 1}}"""));
        assertThat(DataSourceConfig.mergePatch(stored, json("{\"password\": null}"))
                        .has("password"))
                .isFalse();
    }

    /**
     * An object {@code levels} deep, alternating objects and arrays ({"a": [{"a": [...]}]}), the innermost holding a
     * string, which is no level.
     */
    static ObjectNode nested(int levels) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        JsonNode innermost = root;
        for (int level = 2; level <= levels; level++) {
            innermost =
                    innermost instanceof ObjectNode object ? object.putArray("a") : ((ArrayNode) innermost).addObject();
        }
        if (innermost instanceof ObjectNode object) {
            object.put("leaf", "x");
        } else {
            ((ArrayNode) innermost).add("x");
        }
        return root;
    }

    private static ObjectNode json(String text) {
        return (ObjectNode) TestClient.JSON.readTree(text);
    }
}
