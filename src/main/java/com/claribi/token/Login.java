package com.claribi.token;

import com.claribi.identity.IdentityManagement;
import com.claribi.identity.User;
import com.claribi.identity.Users;
import com.claribi.mfa.SecondFactor;
import com.claribi.mfa.SecondFactorCheck;
import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import com.claribi.ratelimit.LoginThrottle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The login: throttle check, password verification on the hashing pool, the second factor when the account has MFA
 * on, then a new session. A wrong email and a wrong password get the same answer, and only someone who knows the
 * password learns that a code is needed; every refusal counts toward the throttle.
 */
@Service
public class Login {

    private final IdentityManagement identity;
    private final SessionManagement sessions;
    private final LoginThrottle throttle;
    private final ApplicationEventPublisher events;
    private final Users users;
    private final Sessions sessionHistory;
    private final SecondFactorCheck secondFactor;
    /** Session creation runs off the hashing pool, whose threads are kept for hashing. */
    private final ExecutorService afterHashing = Executors.newVirtualThreadPerTaskExecutor();

    Login(
            IdentityManagement identity,
            SessionManagement sessions,
            LoginThrottle throttle,
            ApplicationEventPublisher events,
            Users users,
            Sessions sessionHistory,
            SecondFactorCheck secondFactor) {
        this.users = users;
        this.sessionHistory = sessionHistory;
        this.secondFactor = secondFactor;
        this.identity = identity;
        this.sessions = sessions;
        this.throttle = throttle;
        this.events = events;
    }

    static boolean plausible(String email, String password) {
        if (email.length() > 320 || password.length() > 1024) {
            return false;
        }
        for (int i = 0; i < email.length(); i++) {
            if (Character.isISOControl(email.charAt(i))) {
                return false;
            }
        }
        return password.indexOf('\0') < 0;
    }

    /** Records the failure against the account the email names, if any, so its organization's admins see it. */
    private void failed(String email, String reason, ClientInfo client) {
        User user = users.findByEmail(email).orElse(null);
        events.publishEvent(new LoginFailed(
                user == null ? null : user.id(), user == null ? null : user.organizationId(), email, reason, client));
    }

    public CompletableFuture<SessionManagement.Tokens> login(
            String email, String password, SecondFactor factor, ClientInfo client) {
        if (!plausible(email, password)) {
            // No account has such an email and no password is that long: nothing to look up or hash.
            return CompletableFuture.failedFuture(ApiException.invalidCredentials());
        }
        LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.attempt(
                    email, client.address(), () -> sessionHistory.signedInBefore(email, client.address()));
        } catch (ApiException throttled) {
            failed(email, "throttled", client);
            return CompletableFuture.failedFuture(throttled);
        }
        CompletableFuture<User> verified;
        try {
            verified = identity.verifyPassword(email, password);
        } catch (RuntimeException unchecked) {
            // The check could not be made (the database is down): it proved nothing and costs nothing.
            throttle.succeeded(attempt);
            throw unchecked;
        }
        return verified.handleAsync(
                (user, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                        if (cause instanceof ApiException api && api.code().equals("invalid_credentials")) {
                            throttle.failed(attempt);
                            failed(email, "invalid_credentials", client);
                        } else {
                            // Not a wrong password (the hashing pool was full, the database down): the attempt
                            // proved nothing, so it costs no budget.
                            throttle.succeeded(attempt);
                        }
                        throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
                    }
                    try {
                        secondFactor.check(user, factor, client);
                    } catch (ApiException refused) {
                        // The password was right but the code missing, wrong or locked: the attempt keeps its
                        // tokens, so guessing codes is throttled like guessing passwords.
                        throttle.failed(attempt);
                        if (refused.code().equals("mfa_required")) {
                            failed(email, "mfa_required", client);
                        }
                        throw refused;
                    } catch (RuntimeException unchecked) {
                        throttle.succeeded(attempt);
                        throw unchecked;
                    }
                    throttle.succeeded(attempt);
                    return sessions.start(user, client);
                },
                afterHashing);
    }
}
