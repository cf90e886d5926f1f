package com.claribi.identity.web;

import com.claribi.identity.Organization;
import com.claribi.identity.OrganizationAdministration;
import com.claribi.platform.BodyFields;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.JsonBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/organization/}: the caller's organization; every member reads it, administrators rename it. */
@RestController
@Tag(name = "Organization")
record OrganizationController(OrganizationAdministration organizations) {

    @Schema(name = "Organization")
    record OrganizationView(long id, String name, String plan, int aiCreditsRemaining) {

        static OrganizationView of(Organization organization) {
            return new OrganizationView(
                    organization.id(), organization.name(), organization.plan(), organization.aiCreditsRemaining());
        }
    }

    /** Set by the product, never through this endpoint: sending one is an error, not a silent no-op. */
    private static final Set<String> READ_ONLY = Set.of("id", "plan", "ai_credits_remaining");

    private static final BodyFields BODY =
            new BodyFields(List.of("id", "plan", "ai_credits_remaining", "name"), Set.of());

    /** What an administrator sends (the body is read field by field; this record only describes it). */
    @Schema(name = "OrganizationChange", description = "only name may change")
    record OrganizationChange(
            @Schema(maxLength = 200) @Nullable String name) {}

    @Operation(
            operationId = "getOrganization",
            summary = "Get the organization",
            description = "The caller's organization: id, name, plan and AI credits remaining.")
    @GetMapping("/api/organization")
    OrganizationView get() {
        return OrganizationView.of(organizations.get(CurrentPrincipal.get()));
    }

    @Operation(
            operationId = "updateOrganization",
            summary = "Rename the organization",
            description =
                    "Administrators may change the name. Needs a session (an API key gets 403) and a recent password proof.")
    @PatchMapping("/api/organization")
    OrganizationView update(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = OrganizationChange.class)))
                    @RequestBody
                    JsonNode json,
            ClientInfo client) {
        return OrganizationView.of(
                organizations.change(CurrentPrincipal.get(), BODY.read(json, OrganizationController::change), client));
    }

    private static OrganizationAdministration.OrganizationChange change(JsonBody body) {
        READ_ONLY.forEach(field -> {
            if (body.has(field)) {
                body.problem(field, "This field is read-only.");
            }
        });
        return new OrganizationAdministration.OrganizationChange(
                body.has("name") ? body.requiredText("name", 200) : null);
    }
}
