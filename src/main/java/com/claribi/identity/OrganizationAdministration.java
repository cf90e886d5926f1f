package com.claribi.identity;

import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.Submitted;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The caller's organization ({@code /api/organization/}): every member reads it; administrators rename it, in a session
 * in sudo mode (an organization-wide change), never with an API key. The role is checked before the body.
 */
@Service
public class OrganizationAdministration {

    /** What an administrator changes; a null name leaves it as it is. */
    public record OrganizationChange(@Nullable String name) {}

    private final Roles roles;
    private final Membership membership;
    private final Members members;

    OrganizationAdministration(Roles roles, Membership membership, Members members) {
        this.roles = roles;
        this.membership = membership;
        this.members = members;
    }

    public Organization get(ApiPrincipal principal) {
        roles.require(principal, Role.values());
        return members.of(principal.userId())
                .orElseThrow(() -> ApiException.notFound("The organization no longer exists."))
                .organization();
    }

    public Organization change(ApiPrincipal principal, Submitted<OrganizationChange> submitted, ClientInfo client) {
        User admin = roles.administratorInSudoMode(principal);
        @Nullable String name = submitted.value().name();
        if (name == null) {
            return get(principal);
        }
        return membership.renameOrganization(admin.organizationId(), name, admin.id(), client);
    }
}
