package com.claribi.identity;

import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import com.claribi.ratelimit.LoginThrottle;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
            LoginThrottle throttle) {
        this.throttle = throttle;
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
            Organization organization = organizations.insert(name.trim(), plan, aiCredits, now());
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
        User created =
                users.insert(organizationId, user.email(), user.firstName(), user.lastName(), user.role(), hash, now());
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
        @Nullable User user = users.findByEmail(email).orElse(null);
        return hashing.verify(password, user == null ? null : user.passwordHash())
                .thenApply(result -> {
                    if (user == null || !result.matches() || !user.active()) {
                        throw ApiException.invalidCredentials();
                    }
                    if (result.needsRehash()) {
                        // The parameters were raised since this hash was made: store a hash at today's cost.
                        hashing.hash(password)
                                .thenAcceptAsync(
                                        stronger -> users.replacePasswordHash(user.id(), user.passwordHash(), stronger),
                                        afterHashing);
                    }
                    return user;
                });
    }

    /**
     * Changes a password after checking the old one, under the failed-login throttle (a stolen access token must not
     * become a way to guess the password); publishes {@link PasswordChanged} so the other sessions end.
     */
    public CompletableFuture<Void> changePassword(
            long userId, String oldPassword, String newPassword, String keptSessionId, ClientInfo client) {
        User user = users.findById(userId).orElseThrow(ApiException::notAuthenticated);
        List<String> problems = new ArrayList<>(policy.problems(newPassword, user.email()));
        if (!problems.isEmpty()) {
            return CompletableFuture.failedFuture(ApiException.validation(Map.of("new_password", problems)));
        }
        LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.attempt(user.email(), client.address(), () -> true);
        } catch (ApiException throttled) {
            return CompletableFuture.failedFuture(throttled);
        }
        return hashing.verify(oldPassword, user.passwordHash())
                .thenCompose(result -> {
                    if (!result.matches()) {
                        throw ApiException.validation("old_password", "The current password is incorrect.");
                    }
                    throttle.succeeded(attempt);
                    return hashing.hash(newPassword);
                })
                .thenAcceptAsync(
                        hash -> transactions.executeWithoutResult(status -> {
                            users.changePassword(userId, hash, now());
                            events.publishEvent(new PasswordChanged(
                                    userId, user.organizationId(), user.email(), keptSessionId, client));
                        }),
                        afterHashing);
    }

    /** Deactivates a user; listeners end their sessions and API keys in the same transaction. */
    public void deactivate(long userId, ClientInfo client) {
        User user = users.findById(userId).orElseThrow(() -> ApiException.notFound("No user with id " + userId + "."));
        transactions.executeWithoutResult(status -> {
            users.setActive(userId, false);
            events.publishEvent(new UserDeactivated(user.id(), user.organizationId(), user.email(), client));
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
