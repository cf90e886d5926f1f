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
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/auth/status/}: who the credential belongs to. */
@RestController
@Tag(name = "Authentication")
record StatusController(Members members) {

    /**
     * {@code type} is {@code user} or {@code service_account}; {@code name} is a user's full name (their email when
     * they have none) or the service account's name. A service account has no email ({@code null}) and no first or
     * last name.
     */
    record StatusUser(
            long id, String type, String name, @Nullable String email, String firstName, String lastName, String role) {

        static StatusUser of(User user) {
            if (user.serviceAccount()) {
                return new StatusUser(
                        user.id(),
                        "service_account",
                        user.firstName(),
                        null,
                        "",
                        "",
                        user.role().value());
            }
            String fullName = (user.firstName() + " " + user.lastName()).trim();
            return new StatusUser(
                    user.id(),
                    "user",
                    fullName.isEmpty() ? user.email() : fullName,
                    user.email(),
                    user.firstName(),
                    user.lastName(),
                    user.role().value());
        }
    }

    record StatusOrganization(long id, String name, String plan, int aiCreditsRemaining) {}

    @Schema(name = "AuthStatus")
    record Status(StatusUser user, StatusOrganization organization) {}

    @Operation(
            operationId = "getAuthStatus",
            summary = "Who am I",
            description =
                    "The user the credential (an access token or an API key) acts for, and their organization. For a service account's key, user.type is service_account, user.name its name and user.email null.")
    @GetMapping("/api/auth/status")
    Status status() {
        ApiPrincipal principal = CurrentPrincipal.get();
        Members.Member member = members.of(principal.userId())
                .filter(found -> found.user().active())
                .orElseThrow(() -> ApiException.invalidToken("The user of this credential no longer exists."));
        User user = member.user();
        Organization organization = member.organization();
        return new Status(
                StatusUser.of(user),
                new StatusOrganization(
                        organization.id(),
                        organization.name(),
                        organization.plan(),
                        organization.aiCreditsRemaining()));
    }
}
