package com.claribi.identity.web;

import com.claribi.identity.IdentityManagement;
import com.claribi.identity.Organization;
import com.claribi.identity.Organizations;
import com.claribi.identity.Role;
import com.claribi.identity.Roles;
import com.claribi.identity.User;
import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.Fields;
import com.claribi.platform.HttpsPolicy;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/organization/}: the caller's organization; every member reads it, administrators rename it. */
@RestController
class OrganizationController {

    private final IdentityManagement identity;
    private final Organizations organizations;
    private final Roles roles;
    private final HttpsPolicy https;

    OrganizationController(IdentityManagement identity, Organizations organizations, Roles roles, HttpsPolicy https) {
        this.identity = identity;
        this.organizations = organizations;
        this.roles = roles;
        this.https = https;
    }

    record OrganizationView(long id, String name, String plan, int aiCreditsRemaining) {

        static OrganizationView of(Organization organization) {
            return new OrganizationView(
                    organization.id(), organization.name(), organization.plan(), organization.aiCreditsRemaining());
        }
    }

    /** The name may change; the other fields are the product's to set, and sending them is an error, not a no-op. */
    record OrganizationChange(
            @Nullable String name,
            @Schema(hidden = true) @Nullable Object id,
            @Schema(hidden = true) @Nullable Object plan,
            @Schema(hidden = true) @Nullable Object aiCreditsRemaining) {}

    @GetMapping("/api/organization")
    OrganizationView get() {
        User member = roles.require(CurrentPrincipal.get(), Role.values());
        return OrganizationView.of(organizations
                .findById(member.organizationId())
                .orElseThrow(() -> ApiException.notFound("The organization no longer exists.")));
    }

    @PatchMapping("/api/organization")
    OrganizationView update(@RequestBody OrganizationChange body, HttpServletRequest request) {
        User admin = roles.require(CurrentPrincipal.get(), Role.ADMINISTRATOR);
        Fields problems = new Fields();
        readOnly(problems, "id", body.id());
        readOnly(problems, "plan", body.plan());
        readOnly(problems, "ai_credits_remaining", body.aiCreditsRemaining());
        problems.throwIfAny();
        if (body.name() == null) {
            return get();
        }
        return OrganizationView.of(identity.renameOrganization(
                admin.organizationId(), body.name(), admin.id(), ClientInfo.of(request, https)));
    }

    private static void readOnly(Fields problems, String field, @Nullable Object value) {
        if (value != null) {
            problems.add(field, "This field is read-only.");
        }
    }
}
