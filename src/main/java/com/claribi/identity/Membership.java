package com.claribi.identity;

import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.Fields;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The module's writes to organizations and users: each in one transaction with the event it publishes (listeners that
 * end sessions and keys, or audit it, join that transaction), and the member cache told; passwords are written by
 * {@link PasswordChanges}. The rules that come before a write (roles, validation, password hashing) are the callers':
 * {@link Enrollment}, {@link UserAdministration} and {@link OrganizationAdministration}.
 */
@Service
public class Membership {

    private static final int MAX_NAME = 150;

    private final Organizations organizations;
    private final Users users;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Members members;

    Membership(
            Organizations organizations,
            Users users,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Members members) {
        this.organizations = organizations;
        this.users = users;
        this.events = events;
        this.transactions = transactions;
        this.members = members;
    }

    /** What an administrator may change of a user; a null leaves that field as it is. */
    public record UserChange(
            @Nullable Role role,
            @Nullable String firstName,
            @Nullable String lastName) {}

    /** An organization with its first administrator, whose password {@code hash} was made from a checked password. */
    User foundOrganization(
            String name, String plan, int aiCredits, Enrollment.NewUser admin, String hash, ClientInfo client) {
        return transactions.execute(status -> {
            Organization organization = organizations.insert(name.trim(), plan, aiCredits);
            return insert(organization.id(), admin, hash, client);
        });
    }

    void requireOrganization(long organizationId) {
        if (organizations.findById(organizationId).isEmpty()) {
            throw ApiException.notFound("No organization with id " + organizationId + ".");
        }
    }

    User add(long organizationId, Enrollment.NewUser user, String hash, ClientInfo client) {
        return transactions.execute(status -> insert(organizationId, user, hash, client));
    }

    private User insert(long organizationId, Enrollment.NewUser user, String hash, ClientInfo client) {
        User created = users.insert(organizationId, user.email(), user.firstName(), user.lastName(), user.role(), hash);
        events.publishEvent(new UserCreated(created.id(), organizationId, created.email(), created.role(), client));
        return created;
    }

    /**
     * Deactivates a user (the operator's command line); listeners end their sessions and API keys in the same
     * transaction. Like {@link #deactivate(long, long, ClientInfo)}, it refuses the organization's last active
     * administrator, unless {@code evenTheLastAdministrator} (an operator who means it).
     */
    public void deactivate(long userId, boolean evenTheLastAdministrator, ClientInfo client) {
        User user = users.findById(userId).orElseThrow(() -> ApiException.notFound("No user with id " + userId + "."));
        transactions.executeWithoutResult(status -> {
            organizations.lock(user.organizationId());
            User current = member(user.organizationId(), userId);
            if (!current.active()) {
                return;
            }
            if (!evenTheLastAdministrator) {
                requireAnotherAdministrator(current, "deactivated");
            }
            users.setActive(userId, false);
            events.publishEvent(new UserDeactivated(user.id(), user.organizationId(), user.email(), client));
        });
        members.evict(userId);
    }

    /**
     * Changes a user of the organization ({@link UserAdministration} checks the caller's role first). Demoting the last
     * active administrator is refused with 409, under a lock on the organization so that two administrators demoting
     * each other at once cannot both succeed.
     */
    User updateUser(long organizationId, long userId, UserChange change, long changedBy, ClientInfo client) {
        Fields problems = new Fields();
        checkName(problems, "first_name", change.firstName());
        checkName(problems, "last_name", change.lastName());
        problems.throwIfAny();
        User updated = transactions.execute(status -> {
            organizations.lock(organizationId);
            User user = member(organizationId, userId);
            Role role = change.role() == null ? user.role() : change.role();
            if (role != Role.ADMINISTRATOR) {
                requireAnotherAdministrator(user, "demoted");
            }
            users.update(
                    userId,
                    role,
                    change.firstName() == null
                            ? user.firstName()
                            : change.firstName().trim(),
                    change.lastName() == null
                            ? user.lastName()
                            : change.lastName().trim());
            if (role != user.role()) {
                events.publishEvent(
                        new RoleChanged(user.id(), organizationId, user.email(), user.role(), role, changedBy, client));
            }
            return users.findById(userId).orElseThrow();
        });
        members.evict(userId);
        return updated;
    }

    /**
     * Deactivates a user of the organization (an administrator's {@code DELETE /api/users/{id}/}, through
     * {@link UserAdministration}); deactivating one
     * already inactive changes nothing. The last active administrator cannot be deactivated (409).
     */
    void deactivate(long organizationId, long userId, ClientInfo client) {
        transactions.executeWithoutResult(status -> {
            organizations.lock(organizationId);
            User user = member(organizationId, userId);
            if (!user.active()) {
                return;
            }
            requireAnotherAdministrator(user, "deactivated");
            users.setActive(userId, false);
            events.publishEvent(new UserDeactivated(user.id(), organizationId, user.email(), client));
        });
        members.evict(userId);
    }

    Organization renameOrganization(long organizationId, String name, long renamedBy, ClientInfo client) {
        String trimmed = name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw ApiException.validation("name", "The organization name must have 1 to 200 characters.");
        }
        Organization renamed = transactions.execute(status -> {
            Organization before = organizations
                    .findById(organizationId)
                    .orElseThrow(() -> ApiException.notFound("No organization with id " + organizationId + "."));
            organizations.rename(organizationId, trimmed);
            if (!before.name().equals(trimmed)) {
                events.publishEvent(new OrganizationRenamed(organizationId, renamedBy, before.name(), trimmed, client));
            }
            return organizations.findById(organizationId).orElseThrow();
        });
        members.evictAll();
        return renamed;
    }

    private User member(long organizationId, long userId) {
        return users.findInOrganization(organizationId, userId)
                .orElseThrow(() -> ApiException.notFound("No user with ID " + userId + " was found."));
    }

    private void requireAnotherAdministrator(User user, String what) {
        if (user.active()
                && user.role() == Role.ADMINISTRATOR
                && users.countActiveAdministrators(user.organizationId()) <= 1) {
            throw ApiException.conflict(user.email() + " is the organization's last active administrator and cannot be "
                    + what + "; make another user an administrator first.");
        }
    }

    private static void checkName(Fields problems, String field, @Nullable String value) {
        if (value != null && value.trim().length() > MAX_NAME) {
            problems.add(field, "At most " + MAX_NAME + " characters.");
        }
    }
}
