package com.claribi.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.ServerProcess;
import com.claribi.support.TestClient;
import com.claribi.support.TestDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A clean shutdown writes every queued use of a key before the server exits: nothing acknowledged is lost. */
class ApiKeyActivityShutdownIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;

    @Test
    void stopRightAfterUsesThenEveryUseIsInTheActivityLog() {
        Map<String, String> environment = new HashMap<>(ServerProcess.environment(TestDatabase.newDatabase()));
        environment.put("CLARIBI_BOOTSTRAP_ADMIN_EMAIL", "owner@example.com");
        environment.put("CLARIBI_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD);
        // A long flush interval: only the shutdown can have written these uses.
        environment.put("CLARIBI_API_KEY_ACTIVITY_FLUSH_INTERVAL", "PT1H");
        long keyId;
        int uses = 25;
        try (ServerProcess server = ServerProcess.start(dir.resolve("data"), environment)) {
            TestClient api = server.client();
            String session = api.as("owner@example.com", PASSWORD);
            TestClient.Response key =
                    api.post("/api/api-keys/", Map.of("name", "busy", "scope", "read_only"), "Authorization", session);
            keyId = key.json().path("id").asLong();
            for (int i = 0; i < uses; i++) {
                assertThat(api.get(
                                        "/api/auth/status/",
                                        "X-API-Key",
                                        key.json().path("key").asString())
                                .status())
                        .isEqualTo(200);
            }
            server.stop();
        }
        try (ServerProcess server = ServerProcess.start(dir.resolve("data"), environment)) {
            TestClient api = server.client();
            String session = api.as("owner@example.com", PASSWORD);
            TestClient.Response activity = api.get("/api/api-keys/" + keyId + "/activity/", "Authorization", session);
            assertThat(activity.json().path("count").asLong()).isEqualTo(uses);
            TestClient.Response key = api.get("/api/api-keys/" + keyId + "/", "Authorization", session);
            assertThat(key.json().path("last_used_at").isNull()).isFalse();
        }
    }
}
