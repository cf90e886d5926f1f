package com.claribi.identity;

import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import com.claribi.ratelimit.LoginThrottle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Checks a password (login and re-authentication) and changes one (the signed-in user, who proves the old one). */
@Service
public class Passwords {

    private final Users users;
    private final PasswordPolicy policy;
    private final PasswordHashing hashing;
    private final LoginThrottle throttle;
    private final PasswordChanges changes;

    Passwords(
            Users users,
            PasswordPolicy policy,
            PasswordHashing hashing,
            LoginThrottle throttle,
            PasswordChanges changes) {
        this.users = users;
        this.policy = policy;
        this.hashing = hashing;
        this.throttle = throttle;
        this.changes = changes;
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
                                .thenAccept(stronger ->
                                        users.replacePasswordHash(stored.user().id(), stored.passwordHash(), stronger));
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
            changes.passwordCheckFailed(
                    user, "old_password", "not checked: too many failed attempts (" + throttled.detail() + ")", client);
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
                .thenCompose(result -> {
                    if (!result.matches()) {
                        changes.passwordCheckFailed(user, "old_password", "wrong password", client);
                        throw ApiException.validation("old_password", "The current password is incorrect.");
                    }
                    return hashing.hash(newPassword);
                })
                .thenAccept(hash -> changes.changePassword(user, hash, keptSessionId, client));
    }
}
