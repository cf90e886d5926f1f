package com.claribi.datasource;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.TestClient;
import java.util.List;
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
                "gcp_key_json",
                // The security review's keys, and the kinds they stand for (API.md, Resources).
                "account_key",
                "AccountKey",
                "encryption_key",
                "master-key",
                "pw",
                "PW",
                "db_pw",
                "user_pwd",
                "sig",
                "url_sig",
                "X-Auth",
                "x_auth",
                "X-Auth-Token",
                "X-Authorization",
                "X-Api-Key",
                "auth_token",
                "authKey",
                // auth*: erring on the side of secrecy, these are write-only too.
                "auth_type",
                "authentication",
                "author"
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
                "keys_count",
                "oauth",
                "basicAuth",
                "public_key",
                "ssh_public_key",
                "primary_key",
                "partition_key",
                "sort_key",
                "foreign_key",
                "region",
                "config",
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
                " basic Ymk6cHc=",
                // Secret-looking parameters of a URL's query or fragment, of a connection string, of a command line.
                "https://api.example.com/v1/data?api_key=abc123",
                "https://api.example.com/v1/data?format=csv&access_token=abc",
                "https://files.example.net/export.csv?sv=2022-11-02&sig=abc%2Bdef",
                "https://bucket.s3.amazonaws.com/a.csv?X-Amz-Credential=AKIA%2F&X-Amz-Signature=abc",
                "https://api.example.com/?key=abc",
                "https://api.example.com/?token=abc#top",
                "https://api.example.com/?password=abc",
                "https://api.example.com/?api%5Fkey=abc",
                "/v1/data?apikey=abc",
                "https://app.example.com/callback#access_token=abc&token_type=bearer",
                "Server=db;User Id=bi;Password=abc;",
                "sqlserver://db;user=bi;pwd=abc",
                "--password=abc",
                "{\"type\": \"service_account\", \"private_key\": \"abc\"}",
                "{'client_secret':'abc'}",
                // An HTTP header field line, alone or in a block of lines.
                "X-Auth: abc",
                "Authorization: Token abc",
                "Accept: text/csv\r\nX-Api-Key: abc",
                "host: db\npassword: abc"
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
                "text/csv",
                "https://api.example.com/v1/data?format=csv&page=2#results",
                "https://api.example.com/v1/data?api_key=",
                "https://api.example.com/v1/data?api_key=&page=2",
                "https://api.example.com/v1/data?keyword=abc&author_name",
                "c29tZWtleQ==",
                "Ymk6a2V5=",
                "select * from t where api_key = 'x'",
                "Sort key: date",
                "Note: the token expires daily",
                "time: 10:30",
                "Accept: text/csv"
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

    /** Each input is read in linear time: a quadratic scan of any of them takes minutes, well past the budget. */
    @Test
    void parameterRuleStaysLinearOnHostileInput() {
        long start = System.nanoTime();
        for (String hostile : List.of(
                "a=".repeat(250_000),
                "=".repeat(500_000),
                "\"a\":".repeat(150_000),
                "\na: ".repeat(120_000),
                "x".repeat(500_000) + "=",
                "%".repeat(500_000) + "=v")) {
            assertThat(SecretRule.isSecretValue(JsonNodeFactory.instance.stringNode(hostile)))
                    .isFalse();
        }
        assertThat(SecretRule.isSecretValue(JsonNodeFactory.instance.stringNode("a=".repeat(250_000) + "&key=v")))
                .isTrue();
        System.out.println("parameter rule, 7 hostile values of 0.5 to 0.6 MB: "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?%=v", "?%4=v", "?%zz=v", "?api%=v", "?a%5", "%", "?%%%=v"})
    void malformedPercentEncodingInANameIsReadAsItIs(String value) {
        assertThat(SecretRule.isSecretValue(JsonNodeFactory.instance.stringNode(value)))
                .isFalse();
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
    void patchKeepsWhatIsNotSentRemovesNullsAndReplacesSecretsWhole() {
        DataSourceConfig stored = DataSourceConfig.split(json("""
                {"host": "db", "password": "p1", "options": {"ssl": true, "timeout": 5},
                 "credentials": {"type": "service_account", "private_key": "k"}, "tags": ["a", "b"]}"""));
        ObjectNode patch = json("""
                {"host": "db2", "options": {"timeout": null, "retries": 3},
                 "credentials": {"private_key": "k2"}, "tags": ["c"], "extra": {"x": null, "y": 1}}""");
        DataSourceConfig patched = stored.patched(patch, null);
        assertThat(patched.whole()).isEqualTo(json("""
                {"host": "db2", "password": "p1", "options": {"ssl": true, "retries": 3},
                 "credentials": {"private_key": "k2"}, "tags": ["c"], "extra": {"y": 1}}"""));
        assertThat(patched.secretFields()).containsExactlyInAnyOrder("password", "credentials");
        assertThat(stored.patched(json("{\"password\": null}"), null).whole().has("password"))
                .isFalse();
    }

    @Test
    void explicitSecretsAreSealedWhateverTheirNameAndMergedIntoTheWhole() {
        ObjectNode config = json("""
                {"host": "db", "headers": {"Accept": "text/csv"}}""");
        ObjectNode secrets = json("""
                {"headers": {"X-Custom": "c1"}, "region_pin": "1234", "hosts": ["h1", "h2"], "dropped": null}""");
        DataSourceConfig split = DataSourceConfig.of(config, secrets);

        assertThat(split.visible()).isEqualTo(json("{\"host\": \"db\", \"headers\": {\"Accept\": \"text/csv\"}}"));
        assertThat(split.secretFields()).containsExactlyInAnyOrder("headers.X-Custom", "region_pin", "hosts");
        assertThat(split.whole()).isEqualTo(json("""
                {"host": "db", "headers": {"Accept": "text/csv", "X-Custom": "c1"}, "region_pin": "1234",
                 "hosts": ["h1", "h2"]}"""));
        assertThat(split.toString()).doesNotContain("c1", "1234", "h1");
    }

    @Test
    void aValueInBothConfigAndSecretsIsFoundByItsPath() {
        assertThat(DataSourceConfig.overlap(
                        json("{\"headers\": {\"Accept\": \"a\"}}"), json("{\"headers\": {\"X-Auth\": \"b\"}}")))
                .isNull();
        assertThat(DataSourceConfig.overlap(json("{\"a\": {\"b\": 1}}"), json("{\"a\": {\"b\": 2}}")))
                .isEqualTo("a.b");
        assertThat(DataSourceConfig.overlap(json("{\"a\": 1}"), json("{\"a\": {\"b\": 2}}")))
                .isEqualTo("a");
        assertThat(DataSourceConfig.overlap(json("{\"a\": null}"), json("{\"a\": 1}")))
                .isEqualTo("a");
        assertThat(DataSourceConfig.overlap(json("{\"a.b\": {\"c\": 1}}"), json("{\"a.b\": {\"c\": 2}}")))
                .isEqualTo("a\\.b.c");
    }

    @Test
    void patchKeepsAnExplicitSecretNotSentAndTheRequestDecidesForWhatItSends() {
        DataSourceConfig stored = DataSourceConfig.of(
                json("{\"host\": \"db\", \"hosts\": [\"https://a\", \"redis://:pw@b\"]}"),
                json("{\"headers\": {\"X-Custom\": \"c1\", \"X-Other\": \"o1\"}}"));
        assertThat(stored.secretFields()).containsExactlyInAnyOrder("headers.X-Custom", "headers.X-Other", "hosts[1]");

        DataSourceConfig renamed = stored.patched(json("{\"host\": \"db2\"}"), null);
        assertThat(renamed.secretFields()).containsExactlyInAnyOrder("headers.X-Custom", "headers.X-Other", "hosts[1]");

        // A value sent in config is shown, unless the rule finds it secret.
        DataSourceConfig shown = stored.patched(json("{\"headers\": {\"X-Custom\": \"visible\"}}"), null);
        assertThat(shown.visible().path("headers").path("X-Custom").asString()).isEqualTo("visible");
        assertThat(shown.secretFields()).containsExactlyInAnyOrder("headers.X-Other", "hosts[1]");

        // An array replaced whole takes its secrets with it: the new elements are judged again.
        DataSourceConfig hosts = stored.patched(json("{\"hosts\": [\"https://c\", \"https://d\"]}"), null);
        assertThat(hosts.visible().path("hosts"))
                .isEqualTo(json("{\"h\": [\"https://c\", \"https://d\"]}").path("h"));
        assertThat(hosts.secretFields()).containsExactlyInAnyOrder("headers.X-Custom", "headers.X-Other");

        // secrets: a value replaced, one removed by null, one added.
        DataSourceConfig changed =
                stored.patched(null, json("{\"headers\": {\"X-Custom\": \"c2\", \"X-Other\": null}, \"pin\": \"42\"}"));
        assertThat(changed.secretFields()).containsExactlyInAnyOrder("headers.X-Custom", "hosts[1]", "pin");
        assertThat(changed.whole().path("headers")).isEqualTo(json("{\"X-Custom\": \"c2\"}"));
        assertThat(changed.visible().has("headers")).isTrue();
        assertThat(changed.visible().path("headers").isEmpty()).isTrue();
    }

    @Test
    void secretFieldsEscapeDotsBracketsAndBackslashesInKeys() {
        DataSourceConfig config = DataSourceConfig.split(json("""
                {"a.b": {"password": "p1"}, "a": {"b": {"password": "p2"}}, "x[0]": {"secret": "s"},
                 "x": [{"secret": "s2"}], "back\\\\slash": {"pw": "q"}, "": {"token": "t"}}"""));
        assertThat(config.secretFields())
                .containsExactlyInAnyOrder(
                        "a\\.b.password", "a.b.password", "x\\[0].secret", "x[0].secret", "back\\\\slash.pw", ".token");
        assertThat(config.secretFields()).doesNotHaveDuplicates();
    }

    @Test
    void aValueIsSecretWhenTheNameBesideItIs() {
        DataSourceConfig config = DataSourceConfig.split(json("""
                {"httpHeaderName1": "X-Auth", "httpHeaderValue1": "v1", "httpHeaderName2": "Accept",
                 "httpHeaderValue2": "text/csv",
                 "headers": [{"name": "X-Api-Key", "value": "v2"}, {"name": "Accept", "value": "text/csv"}],
                 "params": [{"param": "sig", "value": "v3"}], "query_name": "password", "query_value": "v4"}"""));
        assertThat(config.secretFields())
                .containsExactlyInAnyOrder("httpHeaderValue1", "headers[0].value", "params[0].value", "query_value");
        assertThat(config.visible().toString())
                .doesNotContain("v1", "v2", "v3", "v4")
                .contains("text/csv");
        assertThat(config.visible().path("headers").get(0).path("name").asString())
                .isEqualTo("X-Api-Key");
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
