package com.claribi.identity;

import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ResourceRoles;
import org.springframework.stereotype.Component;

/** The resources' roles read from the caller's current role ({@link Roles}), so a changed role applies at once. */
@Component
final class MemberResourceRoles implements ResourceRoles {

    private final Roles roles;

    MemberResourceRoles(Roles roles) {
        this.roles = roles;
    }

    @Override
    public long member(ApiPrincipal principal) {
        return roles.require(principal, Role.ADMINISTRATOR, Role.EDITOR, Role.VIEWER)
                .organizationId();
    }

    @Override
    public long editor(ApiPrincipal principal) {
        return roles.require(principal, Role.ADMINISTRATOR, Role.EDITOR).organizationId();
    }
}
