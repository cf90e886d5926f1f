package com.claribi.identity.web;

import com.claribi.identity.Members;
import com.claribi.identity.Organization;
import com.claribi.identity.User;
import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.CurrentPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/auth/status/}: who the credential belongs to. */
@RestController
@Tag(name = "Authentication")
class StatusController {

    private final Members members;

    StatusController(Members members) {
        this.members = members;
    }

    record StatusUser(long id, String email, String firstName, String lastName, String role) {}

    record StatusOrganization(long id, String name, String plan, int aiCreditsRemaining) {}

    @Schema(name = "AuthStatus")
    record Status(StatusUser user, StatusOrganization organization) {}

    @Operation(
            operationId = "getAuthStatus",
            summary = "Who am I",
            description = "The user the credential (an access token or an API key) acts for, and their organization.")
    @GetMapping("/api/auth/status")
    Status status() {
        ApiPrincipal principal = CurrentPrincipal.get();
        Members.Member member = members.of(principal.userId())
                .filter(found -> found.user().active())
                .orElseThrow(() -> ApiException.invalidToken("The user of this credential no longer exists."));
        User user = member.user();
        Organization organization = member.organization();
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
