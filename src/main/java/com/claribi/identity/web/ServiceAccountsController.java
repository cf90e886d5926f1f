package com.claribi.identity.web;

import com.claribi.identity.ServiceAccount;
import com.claribi.identity.ServiceAccountAdministration;
import com.claribi.platform.BodyFields;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.JsonBody;
import com.claribi.platform.Locations;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/service-accounts/}: the organization's service accounts, for administrators with a session. {@code
 * DELETE} deactivates (its keys are revoked at once); deactivated accounts stay listed with {@code "active": false},
 * since audit events name them. Their keys are under {@code /api/service-accounts/{id}/api-keys/} (the apikey module).
 */
@RestController
@Tag(name = "Service accounts")
record ServiceAccountsController(ServiceAccountAdministration accounts) {

    private static final Set<String> READ_ONLY = Set.of("id", "created_at", "created_by", "active");
    private static final BodyFields FIELDS = new BodyFields(List.of("name", "role"), READ_ONLY);

    @Schema(name = "ServiceAccount")
    record ServiceAccountView(
            long id,
            String name,
            String role,
            Instant createdAt,
            @Nullable Long createdBy,
            boolean active) {

        static ServiceAccountView of(ServiceAccount account) {
            return new ServiceAccountView(
                    account.id(),
                    account.name(),
                    account.role().value(),
                    account.createdAt(),
                    account.createdBy(),
                    account.active());
        }
    }

    /** What a client sends to create a service account (the body is read field by field; this only describes it). */
    @Schema(name = "NewServiceAccount", description = "name required; role viewer unless given")
    record NewServiceAccount(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = ServiceAccountAdministration.MAX_NAME)
            String name,

            @Schema(allowableValues = {"administrator", "editor", "viewer"}) @Nullable
            String role) {}

    /** What a client sends to change a service account; only the fields sent change. */
    @Schema(name = "ServiceAccountChange")
    record ServiceAccountChange(
            @Schema(maxLength = ServiceAccountAdministration.MAX_NAME) @Nullable
            String name,

            @Schema(allowableValues = {"administrator", "editor", "viewer"}) @Nullable
            String role) {}

    @Operation(
            operationId = "listServiceAccounts",
            summary = "List service accounts",
            description =
                    "The organization's service accounts, active and deactivated, ordered by id. Administrators, with a session (an API key gets 403).")
    @GetMapping("/api/service-accounts")
    Page<ServiceAccountView> list(PageRequest page, PageLinks links) {
        return accounts.list(CurrentPrincipal.get(), page, links).map(ServiceAccountView::of);
    }

    @Operation(
            operationId = "createServiceAccount",
            summary = "Create a service account",
            description =
                    "Creates a service account, an identity for integrations that cannot sign in and holds only API keys, with a name (unique among the organization's active service accounts) and a role (viewer unless given). Administrators, with a session and a recent password proof. 201.")
    @PostMapping("/api/service-accounts")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<ServiceAccountView> create(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = NewServiceAccount.class)))
                    @RequestBody
                    JsonNode json,
            HttpServletRequest request,
            ClientInfo client) {
        ServiceAccount created = accounts.create(
                CurrentPrincipal.get(), FIELDS.read(json, ServiceAccountsController::newAccount), client);
        return Locations.created(request, "/api/service-accounts/", created.id(), ServiceAccountView.of(created));
    }

    @Operation(
            operationId = "updateServiceAccount",
            summary = "Update a service account",
            description =
                    "Renames a service account or changes its role; the role applies to its keys' next request. Administrators, with a session and a recent password proof.")
    @PatchMapping("/api/service-accounts/{id}")
    ServiceAccountView update(
            @PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = ServiceAccountChange.class)))
                    @RequestBody
                    JsonNode json,
            ClientInfo client) {
        return ServiceAccountView.of(accounts.update(
                CurrentPrincipal.get(), id, FIELDS.read(json, ServiceAccountsController::change), client));
    }

    @Operation(
            operationId = "deactivateServiceAccount",
            summary = "Deactivate a service account",
            description =
                    "Deactivates the service account and revokes all its API keys: every server process refuses them within a second. Administrators, with a session and a recent password proof. 204.")
    @DeleteMapping("/api/service-accounts/{id}")
    ResponseEntity<Void> deactivate(@PathVariable String id, ClientInfo client) {
        accounts.deactivate(CurrentPrincipal.get(), id, client);
        return ResponseEntity.noContent().build();
    }

    private static ServiceAccountAdministration.NewServiceAccount newAccount(JsonBody body) {
        @Nullable String name = body.requiredText("name", ServiceAccountAdministration.MAX_NAME);
        return new ServiceAccountAdministration.NewServiceAccount(name, RoleField.orDefault(body));
    }

    private static ServiceAccountAdministration.ServiceAccountChange change(JsonBody body) {
        @Nullable
        String name = body.has("name") ? body.requiredText("name", ServiceAccountAdministration.MAX_NAME) : null;
        return new ServiceAccountAdministration.ServiceAccountChange(name, RoleField.change(body));
    }
}
