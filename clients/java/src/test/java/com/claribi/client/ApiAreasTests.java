package com.claribi.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.claribi.client.model.ApiKey;
import com.claribi.client.model.ApiKeyScope;
import com.claribi.client.model.ApiKeyUse;
import com.claribi.client.model.AuditEvent;
import com.claribi.client.model.AuditQuery;
import com.claribi.client.model.AuthStatus;
import com.claribi.client.model.Dashboard;
import com.claribi.client.model.DashboardFields;
import com.claribi.client.model.DataSource;
import com.claribi.client.model.DataSourceFields;
import com.claribi.client.model.NewApiKey;
import com.claribi.client.model.NewUser;
import com.claribi.client.model.Organization;
import com.claribi.client.model.PasswordResetLink;
import com.claribi.client.model.Report;
import com.claribi.client.model.ReportFields;
import com.claribi.client.model.Role;
import com.claribi.client.model.ServiceAccount;
import com.claribi.client.model.User;
import com.claribi.client.model.UserChange;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each area of the API through the SDK, as an administrator's session: the calls and their typed answers. */
@ExtendWith(TestServer.Extension.class)
class ApiAreasTests {

    private final TestServer server;

    ApiAreasTests(TestServer server) {
        this.server = server;
    }

    @Test
    void dashboards() {
        try (ClaribiClient client = server.admin()) {
            Dashboard created = client.dashboards().create(new DashboardFields("Revenue", "Monthly revenue"));
            assertEquals("Revenue", created.name());
            assertNotNull(created.createdAt());
            assertEquals(created, client.dashboards().get(created.id()));
            Dashboard replaced = client.dashboards().replace(created.id(), DashboardFields.named("Revenue 2"));
            assertEquals("Revenue 2", replaced.name());
            assertEquals("", replaced.description() == null ? "" : replaced.description());
            Dashboard patched = client.dashboards().update(created.id(), Map.of("description", "by region"));
            assertEquals("Revenue 2", patched.name());
            assertEquals("by region", patched.description());
            client.dashboards().delete(created.id());
            assertThrows(NotFoundException.class, () -> client.dashboards().get(created.id()));
        }
    }

    @Test
    void reports() {
        try (ClaribiClient client = server.admin()) {
            Dashboard dashboard = client.dashboards().create(DashboardFields.named("For reports"));
            Report report =
                    client.reports().create(new ReportFields("Weekly", "every Monday", dashboard.id(), "weekly"));
            assertEquals(dashboard.id(), report.dashboard());
            assertEquals("weekly", report.schedule());
            Map<String, Object> clear = new HashMap<>();
            clear.put("dashboard", null);
            clear.put("schedule", null);
            Report cleared = client.reports().update(report.id(), clear);
            assertNull(cleared.dashboard());
            assertNull(cleared.schedule());
            assertTrue(client.reports().list().anyMatch(r -> r.id() == report.id()));
            client.reports().delete(report.id());
        }
    }

    @Test
    void dataSourcesKeepSecretsWriteOnly() {
        try (ClaribiClient client = server.admin()) {
            DataSource source = client.dataSources()
                    .create(new DataSourceFields(
                            "Warehouse",
                            "postgresql",
                            Map.of("host", "db.internal", "port", 5432),
                            Map.of("password", "s3cret")));
            assertEquals("postgresql", source.type());
            assertEquals("db.internal", source.config().get("host"));
            assertFalse(source.config().containsKey("password"));
            assertEquals(List.of("password"), source.secretFields());
            DataSource renamed = client.dataSources().update(source.id(), Map.of("name", "Warehouse EU"));
            assertEquals(List.of("password"), renamed.secretFields());
            client.dataSources().delete(source.id());
        }
    }

    @Test
    void usersAndOrganization() {
        try (ClaribiClient client = server.admin()) {
            String email = "area-" + UUID.randomUUID() + "@sdk.example";
            User user = client.users().create(new NewUser(email, "a-long-password-1", null, "Ada", "Lovelace"));
            assertEquals(Role.VIEWER, user.role());
            assertTrue(user.active());
            User editor = client.users().update(user.id(), new UserChange(Role.EDITOR, null, null));
            assertEquals(Role.EDITOR, editor.role());
            assertEquals("Ada", editor.firstName());
            assertTrue(client.users().list().anyMatch(u -> u.email().equals(email)));
            PasswordResetLink link = client.users().passwordResetLink(user.id());
            assertTrue(link.resetUrl().contains("/reset-password?token="));
            assertTrue(link.expiresAt().isAfter(Instant.now()));
            client.users().deactivate(user.id());
            assertFalse(client.users().get(user.id()).active());

            Organization organization = client.organization().get();
            assertEquals("SDK Tests", organization.name());
            assertEquals(
                    "SDK Tests 2", client.organization().rename("SDK Tests 2").name());
            client.organization().rename("SDK Tests");

            AuthStatus status = client.auth().status();
            assertEquals(organization, status.organization());
        }
    }

    @Test
    void apiKeys() {
        try (ClaribiClient client = server.admin()) {
            Instant expiry = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
            ApiKey key = client.apiKeys()
                    .create(NewApiKey.of("areas", ApiKeyScope.READ_ONLY).expiringAt(expiry));
            assertEquals(expiry, key.expiresAt());
            assertTrue(key.key().startsWith(key.prefix()));
            ApiKey forever = client.apiKeys()
                    .create(NewApiKey.of("forever", ApiKeyScope.READ_WRITE).neverExpiring());
            assertNull(forever.expiresAt());
            ApiKey listed = client.apiKeys().get(key.id());
            assertNull(listed.key(), "the secret is shown once");
            assertTrue(client.apiKeys().list().anyMatch(k -> k.id() == key.id()));

            ApiKey rotated = client.apiKeys().rotate(key.id(), Duration.ofSeconds(60));
            assertEquals(key.id(), rotated.rotatedFrom());
            assertEquals("areas", rotated.name());
            assertFalse(rotated.key().equals(key.key()));
            assertNotNull(client.apiKeys().revoke(rotated.id()).revokedAt());
            client.apiKeys().revoke(forever.id());
        }
    }

    @Test
    void serviceAccountsAndTheOrganizationsKeys() {
        try (ClaribiClient client = server.admin()) {
            ServiceAccount account = client.serviceAccounts().create("etl-" + UUID.randomUUID(), Role.EDITOR);
            assertTrue(account.active());
            ApiKey key = client.serviceAccounts()
                    .apiKeys(account.id())
                    .create(NewApiKey.of("nightly", ApiKeyScope.READ_WRITE));
            try (ClaribiClient robot = server.builder().apiKey(key.key()).build()) {
                AuthStatus status = robot.auth().status();
                assertEquals("service_account", status.user().type());
                assertEquals(account.name(), status.user().name());
            }
            assertEquals(
                    1, client.serviceAccounts().apiKeys(account.id()).list().count());
            ApiKey owned = client.organization()
                    .apiKeys()
                    .filter(k -> k.id() == key.id())
                    .findFirst()
                    .orElseThrow();
            assertEquals("service_account", owned.owner().type());
            assertEquals(account.id(), owned.owner().id());

            ServiceAccount viewer = client.serviceAccounts().update(account.id(), null, Role.VIEWER);
            assertEquals(Role.VIEWER, viewer.role());
            ApiKey rotated = client.serviceAccounts().apiKeys(account.id()).rotate(key.id());
            assertNotNull(client.organization().revokeApiKey(rotated.id()).revokedAt());
            client.serviceAccounts().deactivate(account.id());
            assertTrue(client.serviceAccounts().list().anyMatch(s -> s.id() == account.id() && !s.active()));
        }
    }

    @Test
    void aServiceAccountKeysActivityAndRevocation() {
        try (ClaribiClient client = server.admin()) {
            ServiceAccount account = client.serviceAccounts().create("reader-" + UUID.randomUUID(), Role.VIEWER);
            ServiceAccountApiKeys keys = client.serviceAccounts().apiKeys(account.id());
            ApiKey key = keys.create(NewApiKey.of("reader", ApiKeyScope.READ_ONLY));
            try (ClaribiClient robot = server.builder().apiKey(key.key()).build()) {
                robot.dashboards().list().toList();
                // A use shows in the key's activity within 2 seconds (docs/api.md).
                List<ApiKeyUse> uses = List.of();
                for (int attempt = 0; attempt < 50 && uses.isEmpty(); attempt++) {
                    TestServer.sleep(Duration.ofMillis(100));
                    uses = keys.activity(key.id()).toList();
                }
                assertEquals(1, uses.size(), uses.toString());
                assertEquals("GET", uses.get(0).method());
                assertTrue(uses.get(0).path().startsWith("/api/dashboards/"), uses.toString());

                ApiKey revoked = keys.revoke(key.id());
                assertEquals(key.id(), revoked.id());
                assertNotNull(revoked.revokedAt());
                AuthenticationException refused = assertThrows(
                        AuthenticationException.class, () -> robot.auth().status());
                assertEquals("invalid_api_key", refused.error());
            }
            assertNotNull(keys.list()
                    .filter(k -> k.id() == key.id())
                    .findFirst()
                    .orElseThrow()
                    .revokedAt());
        }
    }

    @Test
    void auditEventsOfOneUserWithinATimeRange() {
        User user = server.createUser(Role.VIEWER);
        String password = TestServer.passwordOf(user.email());
        try (ClaribiClient first =
                server.builder().credentials(user.email(), password).build()) {
            first.auth().status();
        }
        // Events are stored to the second: the second sign-in falls in a later one.
        TestServer.sleep(Duration.ofMillis(1100));
        try (ClaribiClient second =
                server.builder().credentials(user.email(), password).build()) {
            second.auth().status();
        }
        try (ClaribiClient client = server.admin()) {
            AuditQuery logins = AuditQuery.all().ofType("login_succeeded");
            assertTrue(
                    client.auditEvents().list(logins).anyMatch(e -> !Objects.equals(e.user(), user.id())),
                    "other users signed in too");
            List<AuditEvent> theUsers =
                    client.auditEvents().list(logins.ofUser(user.id())).toList();
            assertEquals(2, theUsers.size(), theUsers.toString());
            assertTrue(theUsers.stream().allMatch(e -> Objects.equals(e.user(), user.id())));

            List<Instant> times =
                    theUsers.stream().map(AuditEvent::timestamp).sorted().toList();
            Instant earlier = times.get(0);
            Instant later = times.get(1);
            assertTrue(earlier.isBefore(later), times.toString());
            assertEquals(
                    List.of(earlier),
                    client.auditEvents()
                            .list(logins.ofUser(user.id()).between(earlier, earlier))
                            .map(AuditEvent::timestamp)
                            .toList());
            assertEquals(
                    List.of(later),
                    client.auditEvents()
                            .list(logins.ofUser(user.id()).between(later, later.plus(Duration.ofHours(1))))
                            .map(AuditEvent::timestamp)
                            .toList());
        }
    }

    @Test
    void passwordResetThroughAnAdministratorsLink() {
        User user = server.createUser(Role.VIEWER);
        String newPassword = "reset-" + UUID.randomUUID();
        try (ClaribiClient admin = server.admin()) {
            PasswordResetLink link = admin.users().passwordResetLink(user.id());
            String token = Arrays.stream(
                            URI.create(link.resetUrl()).getRawQuery().split("&"))
                    .filter(parameter -> parameter.startsWith("token="))
                    .map(parameter -> URLDecoder.decode(parameter.substring("token=".length()), StandardCharsets.UTF_8))
                    .findFirst()
                    .orElseThrow();
            admin.auth().confirmPasswordReset(token, newPassword);

            try (ClaribiClient reset =
                    server.builder().credentials(user.email(), newPassword).build()) {
                assertEquals(user.id(), reset.auth().status().user().id());
            }
            try (ClaribiClient old = server.builder()
                    .credentials(user.email(), TestServer.passwordOf(user.email()))
                    .build()) {
                AuthenticationException refused = assertThrows(
                        AuthenticationException.class, () -> old.auth().status());
                assertEquals("invalid_credentials", refused.error());
            }
            AuthenticationException spent = assertThrows(
                    AuthenticationException.class,
                    () -> admin.auth().confirmPasswordReset(token, newPassword + "-again"));
            assertEquals(400, spent.status());
            assertEquals("invalid_token", spent.error());
        }
    }

    @Test
    void sessionsMfaAuditAndPublicEndpoints() {
        try (ClaribiClient client = server.admin()) {
            assertTrue(client.sessions().list().anyMatch(s -> s.current()));
            assertFalse(client.mfa().status().enabled());
            client.apiKeys()
                    .revoke(client.apiKeys()
                            .create(NewApiKey.of("audited", ApiKeyScope.READ_ONLY))
                            .id());
            List<AuditEvent> events = client.auditEvents()
                    .list(AuditQuery.all().ofType("api_key_revoked"))
                    .toList();
            assertFalse(events.isEmpty());
            assertTrue(events.stream().allMatch(e -> e.type().equals("api_key_revoked")));
            assertTrue(client.auth().healthy());
            assertFalse(((List<?>) client.auth().jwks().get("keys")).isEmpty());
            client.auth().requestPasswordReset("nobody@sdk.example");
        }
    }

    @Test
    void sdkVersionIsTheServers() throws Exception {
        String schema = server.fetch("/api/schema/");
        String version =
                Transport.JSON.readTree(schema).path("info").path("version").asText();
        assertEquals(version, ClaribiClient.VERSION);
        assertEquals(System.getProperty("claribi.client.version", version), ClaribiClient.VERSION);
    }
}
