package com.claribi.token;

import com.claribi.identity.IdentityManagement;
import com.claribi.identity.User;
import com.claribi.identity.Users;
import com.claribi.mfa.SecondFactor;
import com.claribi.mfa.SecondFactorCheck;
import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import com.claribi.ratelimit.LoginThrottle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * {@code POST /api/auth/reauthenticate/}: the signed-in user proves the password (and the second factor when MFA is
 * on) again, and gets an access token of the same session with a fresh {@code auth_time} (sudo mode). The check spends
 * the failed-attempt budgets of every credential check inside a session (the per-account one whatever the address); refusals are 400, since the session itself is fine.
 */
@Service
public class Reauthentication {

    private final IdentityManagement identity;
    private final SessionManagement sessions;
    private final LoginThrottle throttle;
    private final SecondFactorCheck secondFactor;
    private final Users users;
    private final ApplicationEventPublisher events;
    /** Work after the hash runs off the hashing pool, whose threads are kept for hashing. */
    private final ExecutorService afterHashing = Executors.newVirtualThreadPerTaskExecutor();

    Reauthentication(
            IdentityManagement identity,
            SessionManagement sessions,
            LoginThrottle throttle,
            SecondFactorCheck secondFactor,
            Users users,
            ApplicationEventPublisher events) {
        this.identity = identity;
        this.sessions = sessions;
        this.throttle = throttle;
        this.secondFactor = secondFactor;
        this.users = users;
        this.events = events;
    }

    /** Resolves to the new access token, or fails with an {@link ApiException}. */
    public CompletableFuture<String> reauthenticate(
            ApiPrincipal principal, String password, SecondFactor factor, ClientInfo client) {
        String sessionId = principal.requireSession();
        User user = users.findById(principal.userId())
                .filter(User::active)
                .orElseThrow(() -> ApiException.invalidToken("The user of this session is deactivated."));
        return checkCredentials(user, password, factor, client)
                .thenApplyAsync(
                        checked -> {
                            String access = sessions.reauthenticated(principal);
                            events.publishEvent(new Reauthenticated(
                                    user.id(), user.organizationId(), user.email(), sessionId, client));
                            return access;
                        },
                        afterHashing);
    }

    /**
     * The password and second-factor check, as {@link Login} does it: under the failed-login throttle, the password on
     * the hashing pool, then the code. Completes with the user when both are right; every refusal is audited.
     */
    private CompletableFuture<User> checkCredentials(
            User user, String password, SecondFactor factor, ClientInfo client) {
        if (!Login.plausible(user.email(), password)) {
            failed(user, "invalid_credentials", client);
            return CompletableFuture.failedFuture(ApiException.invalidCredentialsInSession());
        }
        LoginThrottle.Attempt attempt;
        try {
            // Inside a session every budget applies, the per-account one whatever the address (API.md).
            attempt = throttle.attemptInSession(user.email(), client.address());
        } catch (ApiException throttled) {
            failed(user, "throttled", client);
            return CompletableFuture.failedFuture(throttled);
        }
        CompletableFuture<User> checked;
        try {
            checked = identity.verifyPassword(user.email(), password);
        } catch (RuntimeException unchecked) {
            // The check could not be made (the database is down): it proved nothing and costs nothing.
            throttle.succeeded(attempt);
            throw unchecked;
        }
        return checked.handleAsync(
                (verified, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                        if (cause instanceof ApiException api && api.code().equals("invalid_credentials")) {
                            throttle.failed(attempt);
                            failed(user, "invalid_credentials", client);
                            throw ApiException.invalidCredentialsInSession();
                        }
                        // The hashing pool was full or the database down: the attempt proved nothing.
                        throttle.succeeded(attempt);
                        throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
                    }
                    try {
                        secondFactor.check(verified, factor, client);
                    } catch (ApiException refused) {
                        // The attempt keeps its tokens: guessing codes is throttled like guessing passwords.
                        throttle.failed(attempt);
                        failed(user, refused.code(), client);
                        throw switch (refused.code()) {
                            case "mfa_required" -> ApiException.mfaRequiredInSession();
                            case "invalid_mfa_code" -> ApiException.invalidMfaCodeInSession();
                            case "mfa_locked" -> ApiException.mfaLockedInSession();
                            default -> refused;
                        };
                    } catch (RuntimeException unchecked) {
                        throttle.succeeded(attempt);
                        throw unchecked;
                    }
                    throttle.succeeded(attempt);
                    return verified;
                },
                afterHashing);
    }

    private void failed(User user, String reason, ClientInfo client) {
        events.publishEvent(new ReauthenticationFailed(user.id(), user.organizationId(), user.email(), reason, client));
    }
}
