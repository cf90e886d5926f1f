package com.claribi.identity;

import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Sets a new password with a reset link's token: the policy applies, the token is spent (with every other open link of
 * the user), and every session of the user ends; two-factor authentication stays on.
 */
@Service
public class PasswordResetConfirmation {

    private final ResetLinks links;
    private final Users users;
    private final PasswordPolicy policy;
    private final PasswordHashing hashing;
    private final PasswordChanges changes;

    PasswordResetConfirmation(
            ResetLinks links, Users users, PasswordPolicy policy, PasswordHashing hashing, PasswordChanges changes) {
        this.links = links;
        this.users = users;
        this.policy = policy;
        this.hashing = hashing;
        this.changes = changes;
    }

    /**
     * Sets a new password with a link's token: the policy applies, the token is spent (with every other open link of
     * the user), and every session of the user ends. A spent, expired or unknown token: 400 {@code invalid_token}.
     */
    public CompletableFuture<Void> confirm(String token, String newPassword, ClientInfo client) {
        PasswordResetTokens.Usable usable = links.findUsable(token).orElseThrow(PasswordResetConfirmation::spent);
        User user = users.findById(usable.userId())
                .filter(User::active)
                .filter(candidate -> !candidate.serviceAccount())
                .orElseThrow(PasswordResetConfirmation::spent);
        List<String> problems = new ArrayList<>(policy.problems(newPassword, user.email()));
        if (!problems.isEmpty()) {
            throw ApiException.validation(Map.of("new_password", problems));
        }
        return hashing.hash(newPassword).thenAccept(passwordHash -> {
            if (!changes.resetPassword(user, usable.id(), passwordHash, client)) {
                throw spent();
            }
        });
    }

    private static ApiException spent() {
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                "invalid_token",
                "The password reset link is invalid.",
                "The link was already used, has expired, or is not one this server made: ask for a new one.");
    }
}
