package com.claribi.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.claribi.client.model.ApiKeyScope;
import com.claribi.client.model.DashboardFields;
import com.claribi.client.model.NewApiKey;
import com.claribi.client.model.NewUser;
import com.claribi.client.model.Role;
import com.claribi.client.model.ServiceAccount;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The server's error answers as typed exceptions carrying {@code error}, {@code message} and {@code detail}. */
@ExtendWith(TestServer.Extension.class)
class ErrorTests {

    private final TestServer server;

    ErrorTests(TestServer server) {
        this.server = server;
    }

    @Test
    void missingObjectIsNotFound() {
        try (ClaribiClient client = server.admin()) {
            NotFoundException e = assertThrows(
                    NotFoundException.class, () -> client.dashboards().get(987_654_321L));
            assertEquals(404, e.status());
            assertEquals("not_found", e.error());
            assertFalse(e.message().isBlank());
            assertTrue(e.detail().contains("987654321"), e.detail());
            assertTrue(e.requestId().isPresent());
        }
    }

    @Test
    void invalidFieldsAreAValidationErrorNamingThem() {
        try (ClaribiClient client = server.admin()) {
            ValidationException e = assertThrows(
                    ValidationException.class, () -> client.dashboards().create(DashboardFields.named("")));
            assertEquals(400, e.status());
            assertEquals("validation_error", e.error());
            assertTrue(e.fields().containsKey("name"), e.fields().toString());

            long id =
                    client.dashboards().create(DashboardFields.named("fields")).id();
            ValidationException unknown = assertThrows(
                    ValidationException.class, () -> client.dashboards().update(id, Map.of("colour", "red")));
            assertEquals(400, unknown.status());
            assertTrue(unknown.detail().contains("colour"), unknown.detail());
        }
    }

    @Test
    void viewerWriteIsPermissionDenied() {
        var viewer = server.createUser(Role.VIEWER);
        try (ClaribiClient client = server.builder()
                .credentials(viewer.email(), TestServer.passwordOf(viewer.email()))
                .build()) {
            PermissionDeniedException e = assertThrows(
                    PermissionDeniedException.class, () -> client.dashboards().create(DashboardFields.named("x")));
            assertEquals("permission_denied", e.error());
            assertThrows(
                    PermissionDeniedException.class, () -> client.users().list().toList());
        }
    }

    @Test
    void keyForADeactivatedServiceAccountIsAConflict() {
        try (ClaribiClient client = server.admin()) {
            ServiceAccount account = client.serviceAccounts().create("gone-" + UUID.randomUUID(), Role.VIEWER);
            client.serviceAccounts().deactivate(account.id());
            ConflictException e = assertThrows(
                    ConflictException.class,
                    () -> client.serviceAccounts()
                            .apiKeys(account.id())
                            .create(NewApiKey.of("late", ApiKeyScope.READ_ONLY)));
            assertEquals(409, e.status());
            assertEquals("conflict", e.error());
        }
    }

    @Test
    void duplicateServiceAccountNameIsAValidationErrorNamingTheField() {
        try (ClaribiClient client = server.admin()) {
            String name = "dup-" + UUID.randomUUID();
            client.serviceAccounts().create(name, Role.VIEWER);
            ValidationException e = assertThrows(
                    ValidationException.class, () -> client.serviceAccounts().create(name, Role.VIEWER));
            assertTrue(e.fields().containsKey("name") || e.detail().contains("name"), e.toString());
        }
    }

    @Test
    void existingEmailIsRefused() {
        try (ClaribiClient client = server.admin()) {
            ClaribiException e = assertThrows(
                    ClaribiException.class,
                    () -> client.users()
                            .create(new NewUser(TestServer.ADMIN_EMAIL, "another-password", Role.VIEWER, null, null)));
            assertTrue(e instanceof ConflictException || e instanceof ValidationException, e.toString());
        }
    }
}
