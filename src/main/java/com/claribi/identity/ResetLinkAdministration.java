package com.claribi.identity;

import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.ObjectIds;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** An administrator's password-reset link for a user of their organization, to hand over when there is no email. */
@Service
public class ResetLinkAdministration {

    private final Roles roles;
    private final Users users;
    private final ResetLinks links;
    private final ApplicationEventPublisher events;

    ResetLinkAdministration(Roles roles, Users users, ResetLinks links, ApplicationEventPublisher events) {
        this.roles = roles;
        this.users = users;
        this.links = links;
        this.events = events;
    }

    /**
     * An administrator's link for a user of their organization (sudo mode, a session): for when there is no email.
     * {@code origin} (the administrator's own request's scheme and host) is used when {@code CLARIBI_PUBLIC_URL} is not
     * set.
     */
    public PasswordResets.ResetLink issueLink(ApiPrincipal principal, String id, String origin, ClientInfo client) {
        User admin = roles.administratorInSudoMode(principal);
        long userId = ObjectIds.parse(id, "user");
        // A person of the administrator's organization: never a service account, which has no password.
        User user = users.findInOrganization(admin.organizationId(), userId)
                .orElseThrow(() -> ObjectIds.notFound("user", userId));
        if (!user.active()) {
            throw ApiException.conflict("The user is deactivated: a reset link would not let them sign in.");
        }
        PasswordResets.ResetLink link = links.create(user, admin.id(), origin);
        events.publishEvent(
                new PasswordResetLinkIssued(user.id(), user.organizationId(), user.email(), admin.id(), client));
        return link;
    }
}
