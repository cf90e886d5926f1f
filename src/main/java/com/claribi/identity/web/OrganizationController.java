package com.claribi.identity.web;

import com.claribi.identity.IdentityManagement;
import com.claribi.identity.Members;
import com.claribi.identity.Organization;
import com.claribi.identity.Role;
import com.claribi.identity.Roles;
import com.claribi.identity.User;
import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.HttpsPolicy;
import com.claribi.platform.JsonBody;
import com.claribi.platform.SudoMode;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/organization/}: the caller's organization; every member reads it, administrators rename it. */
@RestController
class OrganizationController {

    private final IdentityManagement identity;
    private final Members members;
    private final Roles roles;
    private final HttpsPolicy https;
    private final SudoMode sudo;

    OrganizationController(
            IdentityManagement identity, Members members, Roles roles, HttpsPolicy https, SudoMode sudo) {
        this.identity = identity;
        this.sudo = sudo;
        this.members = members;
        this.roles = roles;
        this.https = https;
    }

    record OrganizationView(long id, String name, String plan, int aiCreditsRemaining) {

        static OrganizationView of(Organization organization) {
            return new OrganizationView(
                    organization.id(), organization.name(), organization.plan(), organization.aiCreditsRemaining());
        }
    }

    /** Set by the product, never through this endpoint: sending one is an error, not a silent no-op. */
    private static final Set<String> READ_ONLY = Set.of("id", "plan", "ai_credits_remaining");

    /** What an administrator sends (the body is read field by field; this record only describes it). */
    @Schema(name = "OrganizationChange", description = "only name may change")
    record OrganizationChange(
            @Schema(maxLength = 200) @Nullable String name) {}

    @GetMapping("/api/organization")
    OrganizationView get() {
        roles.require(CurrentPrincipal.get(), Role.values());
        return OrganizationView.of(members.of(CurrentPrincipal.get().userId())
                .orElseThrow(() -> ApiException.notFound("The organization no longer exists."))
                .organization());
    }

    @PatchMapping("/api/organization")
    OrganizationView update(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = OrganizationChange.class)))
                    @RequestBody
                    JsonNode json,
            HttpServletRequest request) {
        User admin = roles.require(CurrentPrincipal.get(), Role.ADMINISTRATOR);
        // Renaming is an organization-wide change: a session in sudo mode, never an API key.
        sudo.require(CurrentPrincipal.get());
        Set<String> known = new HashSet<>(READ_ONLY);
        known.add("name");
        JsonBody body = JsonBody.of(json, known, Set.of());
        READ_ONLY.forEach(field -> {
            if (body.has(field)) {
                body.problem(field, "This field is read-only.");
            }
        });
        @Nullable String name = body.has("name") ? body.requiredText("name", 200) : null;
        body.throwIfAny();
        if (name == null) {
            return get();
        }
        return OrganizationView.of(
                identity.renameOrganization(admin.organizationId(), name, admin.id(), ClientInfo.of(request, https)));
    }
}
