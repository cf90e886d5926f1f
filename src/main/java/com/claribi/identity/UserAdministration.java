package com.claribi.identity;

import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.ObjectIds;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import com.claribi.platform.Submitted;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * An organization's users, for its administrators ({@code /api/users/}). Writes create or empower identities: an
 * administrator's session in sudo mode only, never an API key whatever its scope, so that a leaked key or a stolen
 * access token cannot mint an account or a role. The role is checked before the body, so a caller without it gets 403
 * whatever it sent.
 */
@Service
public class UserAdministration {

    /** A user as an administrator submits one; a null is a field the body lacked or got wrong (already reported). */
    public record NewMember(
            @Nullable String email,
            @Nullable String password,
            @Nullable Role role,
            @Nullable String firstName,
            @Nullable String lastName) {

        @Override
        public String toString() {
            return "NewMember[email=" + email + "]";
        }
    }

    private final Roles roles;
    private final Enrollment enrollment;
    private final Membership membership;
    private final Directory directory;

    UserAdministration(Roles roles, Enrollment enrollment, Membership membership, Directory directory) {
        this.roles = roles;
        this.enrollment = enrollment;
        this.membership = membership;
        this.directory = directory;
    }

    public Page<User> list(ApiPrincipal principal, PageRequest page, PageLinks links) {
        long organizationId = administrator(principal).organizationId();
        return Page.of(
                page,
                directory.countUsers(organizationId),
                directory.users(organizationId, page.offset(), page.size()),
                links);
    }

    public User get(ApiPrincipal principal, String id) {
        long organizationId = administrator(principal).organizationId();
        long userId = ObjectIds.parse(id, "user");
        return directory
                .userInOrganization(organizationId, userId)
                .orElseThrow(() -> ObjectIds.notFound("user", userId));
    }

    /** Creates a user with an initial password that meets the password policy; the role is viewer unless given. */
    public User create(ApiPrincipal principal, Submitted<NewMember> submitted, ClientInfo client) {
        User admin = roles.administratorInSudoMode(principal);
        NewMember member = submitted.value();
        return enrollment.createUser(
                admin.organizationId(),
                new Enrollment.NewUser(
                        Objects.requireNonNull(member.email()),
                        Objects.requireNonNull(member.password()),
                        member.role() == null ? Role.VIEWER : member.role(),
                        Objects.requireNonNull(member.firstName()).trim(),
                        Objects.requireNonNull(member.lastName()).trim()),
                client);
    }

    /** Changes a user's role or names; the last active administrator cannot be demoted (409). */
    public User update(
            ApiPrincipal principal, String id, Submitted<Membership.UserChange> submitted, ClientInfo client) {
        User admin = roles.administratorInSudoMode(principal);
        long userId = ObjectIds.parse(id, "user");
        return membership.updateUser(admin.organizationId(), userId, submitted.value(), admin.id(), client);
    }

    /** Deactivates the user: their sessions and API keys stop working in every process within a second. */
    public void deactivate(ApiPrincipal principal, String id, ClientInfo client) {
        User admin = roles.administratorInSudoMode(principal);
        membership.deactivate(admin.organizationId(), ObjectIds.parse(id, "user"), client);
    }

    private User administrator(ApiPrincipal principal) {
        return roles.require(principal, Role.ADMINISTRATOR);
    }
}
