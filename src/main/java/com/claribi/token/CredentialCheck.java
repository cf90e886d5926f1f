package com.claribi.token;

import com.claribi.identity.Passwords;
import com.claribi.identity.User;
import com.claribi.mfa.SecondFactor;
import com.claribi.mfa.SecondFactorCheck;
import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import com.claribi.ratelimit.LoginThrottle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;

/**
 * The password and second-factor check that login and re-authentication share, under the failed-attempt budgets of
 * {@link LoginThrottle}: the attempt is admitted (or refused, before anything is checked), then the password is checked
 * on the hashing pool, then the code. A wrong password or code keeps the attempt's tokens, so guessing codes is
 * throttled like guessing passwords; a check that could not be made (the hashing pool full, the database down) proved
 * nothing and gives them back. Every path resolves the attempt it admitted.
 */
@Component
final class CredentialCheck {

    /**
     * How a caller records each refusal: {@code throttled} an attempt the budgets refused before anything was checked
     * (the refusal is answered as it is), {@code refused} a wrong password or a missing, wrong or locked code (it
     * returns what the client is told).
     */
    record Refusals(Consumer<ApiException> throttled, UnaryOperator<ApiException> refused) {}

    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final SecondFactorCheck secondFactor;
    private final Sessions sessions;

    CredentialCheck(Passwords passwords, LoginThrottle throttle, SecondFactorCheck secondFactor, Sessions sessions) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.secondFactor = secondFactor;
        this.sessions = sessions;
    }

    /**
     * A login's check: the budgets of a login, where an account whose own budget is spent may still sign in from an
     * address it signed in from before. Completes with the user when the password and the second factor are right, on
     * a thread off the hashing pool.
     */
    CompletableFuture<User> atLogin(
            String email, String password, SecondFactor factor, ClientInfo client, Refusals refusals) {
        LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.attempt(email, client.address(), () -> sessions.signedInBefore(email, client.address()));
        } catch (ApiException throttled) {
            refusals.throttled().accept(throttled);
            return CompletableFuture.failedFuture(throttled);
        }
        return check(email, password, factor, client, attempt, refusals.refused());
    }

    /** A check inside a signed-in session: the same budgets, the account's own one whatever the address. */
    CompletableFuture<User> inSession(
            String email, String password, SecondFactor factor, ClientInfo client, Refusals refusals) {
        LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.attemptInSession(email, client.address());
        } catch (ApiException throttled) {
            refusals.throttled().accept(throttled);
            return CompletableFuture.failedFuture(throttled);
        }
        return check(email, password, factor, client, attempt, refusals.refused());
    }

    private CompletableFuture<User> check(
            String email,
            String password,
            SecondFactor factor,
            ClientInfo client,
            LoginThrottle.Attempt attempt,
            UnaryOperator<ApiException> refused) {
        CompletableFuture<User> verified;
        try {
            verified = passwords.verifyPassword(email, password);
        } catch (RuntimeException unchecked) {
            throttle.succeeded(attempt);
            throw unchecked;
        }
        return verified.handle((user, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                if (cause instanceof ApiException api && api.code().equals("invalid_credentials")) {
                    throttle.failed(attempt);
                    throw refused.apply(api);
                }
                throttle.succeeded(attempt);
                throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
            }
            try {
                secondFactor.check(user, factor, client);
            } catch (ApiException code) {
                throttle.failed(attempt);
                throw refused.apply(code);
            } catch (RuntimeException unchecked) {
                throttle.succeeded(attempt);
                throw unchecked;
            }
            throttle.succeeded(attempt);
            return user;
        });
    }
}
