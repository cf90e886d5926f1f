package com.claribi.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.BehindTrustedProxy;
import com.claribi.support.ProxiedClient;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The activity log behind a trusted proxy that passes on whatever it is sent: a forwarded address that is not an
 * address never stops the log (the connection's address is recorded instead), ports are stripped, and refused (429)
 * uses are folded per key and minute with a count. The window is an hour, so no token refills while a test counts.
 */
@BehindTrustedProxy
class ApiKeyActivityBehindProxyIntegrationTests extends ServerIntegrationTest {

    private static final String CLIENT = "198.51.100.7";

    private ProxiedClient proxy;
    private String session;

    @BeforeEach
    void signIn() {
        proxy = new ProxiedClient(port);
        Account owner = newUser(Role.ADMINISTRATOR);
        session = proxy.signIn(owner.email(), owner.password(), CLIENT);
    }

    @Test
    void forwardedAddressNotAnAddressThenThatUseAndLaterOnesRecordedWithinTwoSecondsWithTheConnectionsAddress()
            throws InterruptedException {
        JsonNode key = newKey();
        String secret = key.path("key").asString();
        assertThat(proxy.get("/api/auth/status/", "1".repeat(300), "X-API-Key", secret)
                        .status())
                .isEqualTo(200);
        assertThat(proxy.get("/api/auth/status/", "x".repeat(300) + ", 203.0.113.9", "X-API-Key", secret)
                        .status())
                .isEqualTo(200);
        assertThat(proxy.get("/api/auth/status/", CLIENT, "X-API-Key", secret).status())
                .isEqualTo(200);

        List<JsonNode> uses = activityWithin2Seconds(key.path("id").asLong(), 3);

        assertThat(uses)
                .extracting(use -> use.path("ip").asString())
                .containsExactly(CLIENT, "203.0.113.9", "127.0.0.1");
        assertThat(uses).allMatch(use -> use.path("count").asInt() == 1);
    }

    @Test
    void forwardedAddressWithPortThenRecordedWithoutIt() throws InterruptedException {
        JsonNode key = newKey();
        String secret = key.path("key").asString();
        proxy.get("/api/auth/status/", "198.51.100.7:51234", "X-API-Key", secret);
        proxy.get("/api/auth/status/", "[2001:DB8:0::7]:443", "X-API-Key", secret);

        List<JsonNode> uses = activityWithin2Seconds(key.path("id").asLong(), 2);

        assertThat(uses).extracting(use -> use.path("ip").asString()).containsExactly("2001:db8::7", CLIENT);
    }

    @Test
    void overLongPathAndAgentThenRecordedCutToTheirColumns() throws InterruptedException {
        JsonNode key = newKey();
        String secret = key.path("key").asString();
        String path = "/api/" + "p".repeat(3_000) + "/";
        proxy.get(path, CLIENT, "X-API-Key", secret, "User-Agent", "a".repeat(1_000));

        List<JsonNode> uses = activityWithin2Seconds(key.path("id").asLong(), 1);

        assertThat(uses.getFirst().path("path").asString()).isEqualTo(path.substring(0, 2048));
        assertThat(uses.getFirst().path("user_agent").asString()).isEqualTo("a".repeat(512));
    }

    @Test
    void refusedUsesThenFoldedIntoRowsWhoseCountsSumToTheRefused() throws InterruptedException {
        JsonNode key = newKey();
        String secret = key.path("key").asString();
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            if (proxy.get("/api/auth/status/", CLIENT, "X-API-Key", secret).status() == 429) {
                refused++;
            }
        }
        assertThat(refused).isEqualTo(200);

        List<JsonNode> uses = new ArrayList<>();
        long deadline = System.nanoTime() + 2_000_000_000L;
        do {
            Thread.sleep(100);
            uses = activity(key.path("id").asLong());
        } while (uses.stream().mapToInt(use -> use.path("count").asInt()).sum() < 300 && System.nanoTime() < deadline);

        List<JsonNode> admitted =
                uses.stream().filter(use -> use.path("status").asInt() == 200).toList();
        List<JsonNode> folded =
                uses.stream().filter(use -> use.path("status").asInt() == 429).toList();
        assertThat(admitted).hasSize(100).allMatch(use -> use.path("count").asInt() == 1);
        // One row per minute: two when the requests crossed a minute's end.
        assertThat(folded).hasSizeBetween(1, 2);
        assertThat(folded.stream().mapToInt(use -> use.path("count").asInt()).sum())
                .isEqualTo(200);
        assertThat(folded.getFirst().path("timestamp").asString()).endsWith(":00Z");
    }

    private JsonNode newKey() {
        TestClient.Response created = proxy.send(
                "POST",
                "/api/api-keys/",
                TestClient.JSON.writeValueAsString(Map.of("name", "behind a proxy", "scope", "read_only")),
                CLIENT,
                "Authorization",
                session);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json();
    }

    private List<JsonNode> activityWithin2Seconds(long id, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        List<JsonNode> uses;
        do {
            Thread.sleep(100);
            uses = activity(id);
        } while (uses.size() < expected && System.nanoTime() < deadline);
        assertThat(uses).hasSize(expected);
        return uses;
    }

    /** Every row of the key's activity, newest first, through the API. */
    private List<JsonNode> activity(long id) {
        List<JsonNode> uses = new ArrayList<>();
        for (int page = 1; ; page++) {
            TestClient.Response response = proxy.get(
                    "/api/api-keys/" + id + "/activity/?page_size=100&page=" + page, CLIENT, "Authorization", session);
            if (response.status() == 404) {
                return uses;
            }
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            response.json().path("results").forEach(uses::add);
            if (response.json().path("next").isNull()) {
                return uses;
            }
        }
    }
}
