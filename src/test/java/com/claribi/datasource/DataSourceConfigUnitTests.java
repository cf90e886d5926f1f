package com.claribi.datasource;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/** The secret-key rule, and a configuration split into what is shown and what is sealed, merged by RFC 7396. */
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
                "dsn"
            })
    void secretKeys(String key) {
        assertThat(SecretKeys.isSecret(key)).isTrue();
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
                "key",
                "schema",
                "ssl",
                "passive_mode",
                "compass",
                "url"
            })
    void ordinaryKeys(String key) {
        assertThat(SecretKeys.isSecret(key)).isFalse();
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

    private static ObjectNode json(String text) {
        return (ObjectNode) TestClient.JSON.readTree(text);
    }
}
