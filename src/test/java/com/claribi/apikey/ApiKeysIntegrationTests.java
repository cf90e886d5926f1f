package com.claribi.apikey;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.platform.ClientInfo;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** API keys as the contract describes them, and every way a key is refused, by name. */
class ApiKeysIntegrationTests extends ServerIntegrationTest {

    private Account owner;
    private String session;

    @BeforeEach
    void signIn() {
        owner = newUser(Role.ADMINISTRATOR);
        session = api.as(owner);
    }

    @Test
    void createReturnsTheSecretOnceAndNeverAgain() {
        TestClient.Response created = create("nightly export", "read_only", null);
        assertThat(created.status()).isEqualTo(201);
        JsonNode key = created.json();
        String secret = key.path("key").asString();
        assertThat(secret).startsWith("claribi_sk_live_").hasSize(54);
        assertThat(ApiKeySecret.wellFormed(secret)).isTrue();
        assertThat(secret).startsWith(key.path("prefix").asString());
        assertThat(key.path("scope").asString()).isEqualTo("read_only");
        assertThat(key.path("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(Instant.parse(key.path("expires_at").asString()))
                .as("without expires_at a key lives 90 days")
                .isEqualTo(Instant.parse(key.path("created_at").asString()).plus(Duration.ofDays(90)));
        assertThat(key.path("last_used_at").isNull()).isTrue();
        assertThat(key.path("revoked_at").isNull()).isTrue();
        assertThat(key.path("rotation_due").asBoolean()).isFalse();

        long id = key.path("id").asLong();
        TestClient.Response one = api.get("/api/api-keys/" + id + "/", "Authorization", session);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().has("key")).isFalse();
        TestClient.Response list = api.get("/api/api-keys/", "Authorization", session);
        assertThat(list.json().path("count").asLong()).isEqualTo(1);
        assertThat(list.text()).doesNotContain(secret);
        assertThat(list.json().path("results").get(0).has("key")).isFalse();
    }

    @Test
    void keyAuthenticatesAsItsCreator() {
        String secret = secret(create("status", "read_only", null));
        TestClient.Response status = api.get("/api/auth/status/", "X-API-Key", secret);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().path("user").path("email").asString()).isEqualTo(owner.email());
        assertThat(status.header("Cache-Control")).contains("no-store");
    }

    @Test
    void createWhenExpiresAtNullThenTheKeyNeverExpires() {
        TestClient.Response created = api.post(
                "/api/api-keys/",
                "{\"name\": \"legacy system\", \"scope\": \"read_only\", \"expires_at\": null}",
                "Authorization",
                session);
        assertThat(created).hasStatus(201);
        assertThat(created.json().has("expires_at")).isTrue();
        assertThat(created.json().path("expires_at").isNull())
                .as("an explicit null: no expiry")
                .isTrue();
        String secret = created.json().path("key").asString();
        assertThat(api.get("/api/auth/status/", "X-API-Key", secret)).hasStatus(200);
    }

    @Test
    void createWhenExpiresAtNotATimeThenValidationError() {
        for (String expiresAt : List.of("12345", "\"\"", "true", "{}")) {
            TestClient.Response response = api.post(
                    "/api/api-keys/",
                    "{\"name\": \"odd\", \"scope\": \"read_only\", \"expires_at\": " + expiresAt + "}",
                    "Authorization",
                    session);
            assertThat(response).as(expiresAt).isError(400, "validation_error");
            assertThat(response.json().path("fields").has("expires_at"))
                    .as(expiresAt)
                    .isTrue();
        }
    }

    @Test
    void createWhenExpiryInThePastThenValidationError() {
        TestClient.Response response = create("old", "read_only", "2020-01-01T00:00:00Z");
        assertThat(response).isError(400, "validation_error");
        assertThat(response.json().path("fields").has("expires_at")).isTrue();
    }

    @Test
    void createWhenFieldsInvalidThenValidationErrorForEach() {
        TestClient.Response response = api.post(
                "/api/api-keys/",
                Map.of("name", "", "scope", "admin", "expires_at", "tomorrow"),
                "Authorization",
                session);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("fields").has("name")).isTrue();
        assertThat(response.json().path("fields").has("scope")).isTrue();
        assertThat(response.json().path("fields").has("expires_at")).isTrue();
    }

    @Test
    void keyWhenUnknownThenInvalidApiKey() {
        String neverIssued = ApiKeySecret.generate();
        assertThat(api.get("/api/auth/status/", "X-API-Key", neverIssued)).isError(401, "invalid_api_key");
    }

    @Test
    void keyWhenChecksumWrongThenInvalidApiKey() {
        String secret = secret(create("typo", "read_only", null));
        char last = secret.charAt(secret.length() - 1);
        String typo = secret.substring(0, secret.length() - 1) + (last == 'a' ? 'b' : 'a');
        assertThat(api.get("/api/auth/status/", "X-API-Key", typo)).isError(401, "invalid_api_key");
        assertThat(api.get("/api/auth/status/", "X-API-Key", "claribi_sk_live_short"))
                .isError(401, "invalid_api_key");
        assertThat(api.get("/api/auth/status/", "X-API-Key", "not a key at all"))
                .isError(401, "invalid_api_key");
    }

    @Test
    void keyWhenRevokedThenInvalidApiKey() {
        JsonNode key = create("to revoke", "read_only", null).json();
        String secret = key.path("key").asString();
        assertThat(api.get("/api/auth/status/", "X-API-Key", secret).status()).isEqualTo(200);
        TestClient.Response revoked =
                api.post("/api/api-keys/" + key.path("id").asLong() + "/revoke/", "", "Authorization", session);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().path("revoked_at").isNull()).isFalse();
        assertThat(api.get("/api/auth/status/", "X-API-Key", secret)).isError(401, "invalid_api_key");
    }

    @Test
    void keyWhenExpiredThenInvalidApiKey() throws InterruptedException {
        Instant expiry = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        String secret = secret(create("short-lived", "read_only", expiry.toString()));
        assertThat(api.get("/api/auth/status/", "X-API-Key", secret).status()).isEqualTo(200);
        Thread.sleep(Math.max(0, expiry.toEpochMilli() - System.currentTimeMillis()) + 100);
        assertThat(api.get("/api/auth/status/", "X-API-Key", secret)).isError(401, "invalid_api_key");
    }

    @Test
    void keyWhenRotatedWithoutGraceThenOldRefusedAndNewWorks() {
        JsonNode old = create("rotating", "read_write", "2099-01-01T00:00:00Z").json();
        TestClient.Response rotated =
                api.post("/api/api-keys/" + old.path("id").asLong() + "/rotate/", Map.of(), "Authorization", session);
        assertThat(rotated.status()).isEqualTo(201);
        JsonNode fresh = rotated.json();
        assertThat(fresh.path("key").asString()).isNotEqualTo(old.path("key").asString());
        assertThat(fresh.path("name").asString()).isEqualTo("rotating");
        assertThat(fresh.path("scope").asString()).isEqualTo("read_write");
        assertThat(fresh.path("expires_at").asString()).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(fresh.path("rotated_from").asLong()).isEqualTo(old.path("id").asLong());
        assertThat(api.get("/api/auth/status/", "X-API-Key", old.path("key").asString()))
                .isError(401, "invalid_api_key");
        assertThat(api.get("/api/auth/status/", "X-API-Key", fresh.path("key").asString())
                        .status())
                .isEqualTo(200);
    }

    /** Of several rotations of one key at once, one takes its place; the others are refused, never a second heir. */
    @Test
    void keyWhenRotatedSixTimesAtOnceThenOneNewKeyAndFiveConflicts() throws Exception {
        long id = create("contested", "read_only", null).json().path("id").asLong();
        List<Callable<TestClient.Response>> rotations = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Map<String, Object> body = Map.of("grace_period_seconds", 60 * (5 - i));
            rotations.add(() -> api.post("/api/api-keys/" + id + "/rotate/", body, "Authorization", session));
        }
        List<TestClient.Response> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(rotations.size())) {
            for (Future<TestClient.Response> answer : threads.invokeAll(rotations)) {
                answers.add(answer.get());
            }
        }

        assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(1);
        assertThat(answers)
                .filteredOn(answer -> answer.status() != 201)
                .hasSize(5)
                .allSatisfy(answer -> assertThat(answer).isError(409, "conflict"));
        TestClient.Response list = api.get("/api/api-keys/", "Authorization", session);
        assertThat(list.json().path("count").asLong()).as(list.text()).isEqualTo(2);
    }

    @Test
    void keyWhenRotatedPastItsGracePeriodThenInvalidApiKey() throws InterruptedException {
        JsonNode old = create("graceful", "read_only", null).json();
        String oldSecret = old.path("key").asString();
        TestClient.Response rotated = api.post(
                "/api/api-keys/" + old.path("id").asLong() + "/rotate/",
                Map.of("grace_period_seconds", 2),
                "Authorization",
                session);
        assertThat(rotated.status()).isEqualTo(201);
        assertThat(api.get("/api/auth/status/", "X-API-Key", oldSecret).status())
                .isEqualTo(200);
        Thread.sleep(3_100);
        assertThat(api.get("/api/auth/status/", "X-API-Key", oldSecret)).isError(401, "invalid_api_key");
        assertThat(api.get(
                                "/api/auth/status/",
                                "X-API-Key",
                                rotated.json().path("key").asString())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void rotateWhenGracePeriodOutOfRangeThenValidationError() {
        long id = create("bounds", "read_only", null).json().path("id").asLong();
        for (long grace : new long[] {-1, 604_801}) {
            TestClient.Response response = api.post(
                    "/api/api-keys/" + id + "/rotate/",
                    Map.of("grace_period_seconds", grace),
                    "Authorization",
                    session);
            assertThat(response.status()).as("grace %d", grace).isEqualTo(400);
            assertThat(response.json().path("fields").has("grace_period_seconds"))
                    .isTrue();
        }
    }

    @Test
    void keyWhenCreatorDeactivatedThenInvalidApiKey() {
        String secret = secret(create("orphan", "read_only", null));
        assertThat(api.get("/api/auth/status/", "X-API-Key", secret).status()).isEqualTo(200);
        membership.deactivate(owner.user().id(), true, ClientInfo.COMMAND_LINE);
        assertThat(api.get("/api/auth/status/", "X-API-Key", secret)).isError(401, "invalid_api_key");
    }

    @Test
    void readOnlyKeyWhenWritingThenPermissionDenied() {
        String secret = secret(create("reader", "read_only", null));
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            TestClient.Response response = api.send(
                    method,
                    "/api/dashboards/1/",
                    HttpRequest.BodyPublishers.ofString("{}"),
                    "Content-Type",
                    "application/json",
                    "X-API-Key",
                    secret);
            assertThat(response).as(method).isError(403, "permission_denied");
            assertThat(response.json().path("detail").asString()).contains("read-only");
        }
        assertThat(api.get("/api/auth/status/", "X-API-Key", secret).status()).isEqualTo(200);
    }

    @Test
    void keyWhenManagingKeysThenPermissionDenied() {
        String secret = secret(create("writer", "read_write", null));
        TestClient.Response list = api.get("/api/api-keys/", "X-API-Key", secret);
        assertThat(list).isError(403, "permission_denied");
        TestClient.Response widen =
                api.post("/api/api-keys/", Map.of("name", "wider", "scope", "read_write"), "X-API-Key", secret);
        assertThat(widen).isError(403, "permission_denied");
    }

    @Test
    void keyWhenChangingPasswordOrLoggingOutThenPermissionDenied() {
        String secret = secret(create("writer", "read_write", null));
        TestClient.Response password = api.post(
                "/api/auth/password/",
                Map.of("old_password", owner.password(), "new_password", "a brand new passphrase 42"),
                "X-API-Key",
                secret);
        assertThat(password).isError(403, "permission_denied");
        assertThat(api.post("/api/auth/logout-all/", "", "X-API-Key", secret).status())
                .isEqualTo(403);
    }

    @Test
    void keyInQueryStringThenBadRequestAndNotRecorded() throws InterruptedException {
        JsonNode key = create("leaky", "read_only", null).json();
        String secret = key.path("key").asString();
        TestClient.Response inUrl = api.get("/api/auth/status/?api_key=" + secret);
        assertThat(inUrl).isError(400, "bad_request");
        TestClient.Response otherName = api.get("/api/auth/status/?token=" + secret);
        assertThat(otherName.status()).isEqualTo(400);
        TestClient.Response both = api.get("/api/auth/status/?api_key=" + secret, "X-API-Key", secret);
        assertThat(both.status()).isEqualTo(400);
        Thread.sleep(1_500);
        TestClient.Response activity =
                api.get("/api/api-keys/" + key.path("id").asLong() + "/activity/", "Authorization", session);
        assertThat(activity.json().path("count").asLong()).isZero();
        assertThat(api.get("/api/audit-events/?page_size=100", "Authorization", session)
                        .text())
                .doesNotContain(secret);
    }

    @Test
    void keyAndBearerTogetherThenBadRequest() {
        String secret = secret(create("both", "read_only", null));
        TestClient.Response response = api.get("/api/auth/status/", "X-API-Key", secret, "Authorization", session);
        assertThat(response).isError(400, "bad_request");
    }

    @Test
    void activityShowsEachUseNewestFirstWithinTwoSeconds() throws InterruptedException {
        JsonNode key = create("watched", "read_only", null).json();
        String secret = key.path("key").asString();
        api.get("/api/auth/status/", "X-API-Key", secret, "User-Agent", "nightly-export/2.1");
        api.get("/api/no-such-endpoint/", "X-API-Key", secret, "User-Agent", "nightly-export/2.1");
        long used = System.nanoTime();
        String path = "/api/api-keys/" + key.path("id").asLong() + "/activity/";
        JsonNode activity;
        do {
            Thread.sleep(100);
            activity = api.get(path, "Authorization", session).json();
        } while (activity.path("count").asLong() < 2 && System.nanoTime() - used < 2_000_000_000L);
        assertThat(activity.path("count").asLong()).isEqualTo(2);
        JsonNode newest = activity.path("results").get(0);
        assertThat(newest.path("method").asString()).isEqualTo("GET");
        assertThat(newest.path("path").asString()).isEqualTo("/api/no-such-endpoint/");
        assertThat(newest.path("status").asInt()).isEqualTo(404);
        assertThat(newest.path("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(newest.path("user_agent").asString()).isEqualTo("nightly-export/2.1");
        assertThat(newest.path("timestamp").asString()).endsWith("Z");
        assertThat(activity.path("results").get(1).path("status").asInt()).isEqualTo(200);
        JsonNode after = api.get("/api/api-keys/" + key.path("id").asLong() + "/", "Authorization", session)
                .json();
        assertThat(after.path("last_used_at").isNull()).isFalse();
    }

    @Test
    void keyOfAnotherUserThenNotFound() {
        long id = create("mine", "read_only", null).json().path("id").asLong();
        Account other = newUser(Role.ADMINISTRATOR);
        String otherSession = api.as(other);
        for (String path : new String[] {"/", "/activity/"}) {
            assertThat(api.get("/api/api-keys/" + id + path, "Authorization", otherSession)
                            .status())
                    .isEqualTo(404);
        }
        assertThat(api.post("/api/api-keys/" + id + "/revoke/", "", "Authorization", otherSession)
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/api-keys/" + id + "/rotate/", "", "Authorization", otherSession)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void failedKeyAuthenticationsAreAuditedByPrefixOnly() {
        JsonNode key = create("audited", "read_only", null).json();
        String secret = key.path("key").asString();
        api.post("/api/api-keys/" + key.path("id").asLong() + "/revoke/", "", "Authorization", session);
        api.get("/api/auth/status/", "X-API-Key", secret);
        api.get("/api/auth/status/", "X-API-Key", secret);
        String events = api.get("/api/audit-events/?type=api_key_refused", "Authorization", session)
                .text();
        assertThat(events).contains(key.path("prefix").asString()).doesNotContain(secret);
        assertThat(api.get("/api/audit-events/?type=api_key_refused", "Authorization", session)
                        .json()
                        .path("count")
                        .asLong())
                .as("one event a minute per key and address")
                .isEqualTo(1);
        assertThat(api.get("/api/audit-events/?type=api_key_created", "Authorization", session)
                        .json()
                        .path("count")
                        .asLong())
                .isEqualTo(1);
        assertThat(api.get("/api/audit-events/?type=api_key_revoked", "Authorization", session)
                        .json()
                        .path("count")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void readWriteKeyOfViewerStillCannotReadAdminOnlyEndpoints() {
        Account viewer = newUserInOrganization(owner.user().organizationId(), Role.VIEWER);
        String viewerSession = api.as(viewer);
        String secret = secret(api.post(
                "/api/api-keys/", Map.of("name", "viewer key", "scope", "read_write"), "Authorization", viewerSession));
        TestClient.Response audit = api.get("/api/audit-events/", "X-API-Key", secret);
        assertThat(audit).isError(403, "permission_denied");
    }

    private TestClient.Response create(String name, String scope, String expiresAt) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "scope", scope));
        if (expiresAt != null) {
            body.put("expires_at", expiresAt);
        }
        return api.post("/api/api-keys/", body, "Authorization", session);
    }

    private static String secret(TestClient.Response created) {
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("key").asString();
    }
}
