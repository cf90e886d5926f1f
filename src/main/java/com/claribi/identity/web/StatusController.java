package com.claribi.identity.web;

import com.claribi.identity.Organization;
import com.claribi.identity.Organizations;
import com.claribi.identity.User;
import com.claribi.identity.Users;
import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.CurrentPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/auth/status/}: who the credential belongs to. */
@RestController
class StatusController {

    private final Users users;
    private final Organizations organizations;

    StatusController(Users users, Organizations organizations) {
        this.users = users;
        this.organizations = organizations;
    }

    record StatusUser(long id, String email, String firstName, String lastName, String role) {}

    record StatusOrganization(long id, String name, String plan, int aiCreditsRemaining) {}

    record Status(StatusUser user, StatusOrganization organization) {}

    @GetMapping("/api/auth/status")
    Status status() {
        ApiPrincipal principal = CurrentPrincipal.get();
        User user = users.findById(principal.userId())
                .filter(User::active)
                .orElseThrow(() -> ApiException.invalidToken("The user of this credential no longer exists."));
        Organization organization = organizations
                .findById(user.organizationId())
                .orElseThrow(() -> ApiException.invalidToken("The organization no longer exists."));
        return new Status(
                new StatusUser(
                        user.id(),
                        user.email(),
                        user.firstName(),
                        user.lastName(),
                        user.role().value()),
                new StatusOrganization(
                        organization.id(),
                        organization.name(),
                        organization.plan(),
                        organization.aiCreditsRemaining()));
    }
}
