package com.claribi.identity;

import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.Fields;
import com.claribi.platform.Timestamps;
import com.claribi.ratelimit.LoginThrottle;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates organizations and users, checks and changes passwords. */
@Service
public class IdentityManagement {

    private static final int MAX_EMAIL = 320;
    private static final int MAX_NAME = 150;

    private final Organizations organizations;
    private final Users users;
    private final PasswordPolicy policy;
    private final PasswordHashing hashing;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final Members members;
    /** Database work after hashing runs here, keeping the hashing pool's threads for hashing. */
    private final ExecutorService afterHashing = Executors.newVirtualThreadPerTaskExecutor();

    IdentityManagement(
            Organizations organizations,
            Users users,
            PasswordPolicy policy,
            PasswordHashing hashing,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock,
            LoginThrottle throttle,
            Members members) {
        this.throttle = throttle;
        this.members = members;
        this.organizations = organizations;
        this.users = users;
        this.policy = policy;
        this.hashing = hashing;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A new user's details, checked before anything is stored. */
    public record NewUser(String email, String password, Role role, String firstName, String lastName) {}

    /** Creates an organization with its first administrator (command line and first start). */
    public User createOrganization(String name, String plan, int aiCredits, NewUser admin, ClientInfo client) {
        if (name.isBlank() || name.length() > 200) {
            throw ApiException.validation("name", "The organization name must have 1 to 200 characters.");
        }
        validate(admin);
        String hash = hashing.hashNow(admin.password());
        return transactions.execute(status -> {
            Organization organization = organizations.insert(name.trim(), plan, aiCredits, Timestamps.now(clock));
            return insert(organization.id(), admin, hash, client);
        });
    }

    public User createUser(long organizationId, NewUser user, ClientInfo client) {
        if (organizations.findById(organizationId).isEmpty()) {
            throw ApiException.notFound("No organization with id " + organizationId + ".");
        }
        validate(user);
        String hash = hashing.hashNow(user.password());
        return transactions.execute(status -> insert(organizationId, user, hash, client));
    }

    private User insert(long organizationId, NewUser user, String hash, ClientInfo client) {
        User created = users.insert(
                organizationId,
                user.email(),
                user.firstName(),
                user.lastName(),
                user.role(),
                hash,
                Timestamps.now(clock));
        events.publishEvent(new UserCreated(created.id(), organizationId, created.email(), created.role(), client));
        return created;
    }

    private void validate(NewUser user) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String email = user.email().trim();
        if (!email.matches("[^@\\s]+@[^@\\s]+") || email.length() > MAX_EMAIL) {
            fields.put("email", List.of("Enter a valid email address."));
        } else if (users.emailTaken(email)) {
            fields.put("email", List.of("A user with this email already exists."));
        }
        if (user.firstName().length() > MAX_NAME) {
            fields.put("first_name", List.of("At most " + MAX_NAME + " characters."));
        }
        if (user.lastName().length() > MAX_NAME) {
            fields.put("last_name", List.of("At most " + MAX_NAME + " characters."));
        }
        List<String> problems = policy.problems(user.password(), email);
        if (!problems.isEmpty()) {
            fields.put("password", problems);
        }
        if (!fields.isEmpty()) {
            throw ApiException.validation(fields);
        }
    }

    /**
     * Checks an email and password on the hashing pool. Completes with the active user, or exceptionally with
     * {@code invalid_credentials} for an unknown email, a wrong password or a deactivated user alike, after the same
     * amount of hashing work.
     */
    public CompletableFuture<User> verifyPassword(String email, String password) {
        Users.@Nullable Stored stored = users.findStoredByEmail(email).orElse(null);
        return hashing.verify(password, stored == null ? null : stored.passwordHash())
                .thenApply(result -> {
                    if (stored == null || !result.matches() || !stored.user().active()) {
                        throw ApiException.invalidCredentials();
                    }
                    if (result.needsRehash()) {
                        // The parameters were raised since this hash was made: store a hash at today's cost.
                        hashing.hash(password)
                                .thenAcceptAsync(
                                        stronger -> users.replacePasswordHash(
                                                stored.user().id(), stored.passwordHash(), stronger),
                                        afterHashing);
                    }
                    return stored.user();
                });
    }

    /**
     * Changes a password after checking the old one, which spends the failed-attempt budgets of every credential check,
     * the account's own one whatever the address (a stolen access token must not become a way to guess the password,
     * from however many addresses); a wrong one is audited ({@link PasswordCheckFailed}). Publishes
     * {@link PasswordChanged} so the other sessions end.
     */
    public CompletableFuture<Void> changePassword(
            long userId, String oldPassword, String newPassword, String keptSessionId, ClientInfo client) {
        Users.Stored stored = users.findStoredById(userId).orElseThrow(ApiException::notAuthenticated);
        User user = stored.user();
        List<String> problems = new ArrayList<>(policy.problems(newPassword, user.email()));
        if (!problems.isEmpty()) {
            return CompletableFuture.failedFuture(ApiException.validation(Map.of("new_password", problems)));
        }
        LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.attemptInSession(user.email(), client.address());
        } catch (ApiException throttled) {
            events.publishEvent(new PasswordCheckFailed(
                    userId,
                    user.organizationId(),
                    user.email(),
                    "old_password",
                    "not checked: too many failed attempts (" + throttled.detail() + ")",
                    client));
            return CompletableFuture.failedFuture(throttled);
        }
        CompletableFuture<PasswordHashing.Verification> checked;
        try {
            checked = hashing.verify(oldPassword, stored.passwordHash());
        } catch (RuntimeException unchecked) {
            throttle.succeeded(attempt);
            throw unchecked;
        }
        return checked.whenComplete((result, failure) -> {
                    if (failure != null) {
                        // Not checked (the hashing pool was full): it proved nothing and costs nothing.
                        throttle.succeeded(attempt);
                    } else if (result.matches()) {
                        throttle.succeeded(attempt);
                    } else {
                        throttle.failed(attempt);
                    }
                })
                .thenComposeAsync(
                        result -> {
                            if (!result.matches()) {
                                events.publishEvent(new PasswordCheckFailed(
                                        userId,
                                        user.organizationId(),
                                        user.email(),
                                        "old_password",
                                        "wrong password",
                                        client));
                                throw ApiException.validation("old_password", "The current password is incorrect.");
                            }
                            return hashing.hash(newPassword);
                        },
                        afterHashing)
                .thenAcceptAsync(
                        hash -> transactions.executeWithoutResult(status -> {
                            users.changePassword(userId, hash, Timestamps.now(clock));
                            events.publishEvent(new PasswordChanged(
                                    userId, user.organizationId(), user.email(), keptSessionId, client));
                        }),
                        afterHashing);
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

    /** What an administrator may change of a user; a null leaves that field as it is. */
    public record UserChange(
            @Nullable Role role,
            @Nullable String firstName,
            @Nullable String lastName) {}

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
