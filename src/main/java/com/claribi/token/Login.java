package com.claribi.token;

import com.claribi.identity.Directory;
import com.claribi.identity.User;
import com.claribi.mfa.SecondFactor;
import com.claribi.platform.ApiException;
import com.claribi.platform.Authentications;
import com.claribi.platform.ClientInfo;
import java.util.concurrent.CompletableFuture;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The login: the failed-attempt budgets, password verification on the hashing pool, the second factor when the
 * account has MFA on, then a new session. A wrong email and a wrong password get the same answer, and only someone who knows the
 * password learns that a code is needed; every refusal counts toward the throttle.
 */
@Service
public class Login {

    private final CredentialCheck check;
    private final SessionManagement sessions;
    private final Directory directory;
    private final ApplicationEventPublisher events;
    private final Authentications authentications;

    Login(
            CredentialCheck check,
            SessionManagement sessions,
            Directory directory,
            ApplicationEventPublisher events,
            Authentications authentications) {
        this.check = check;
        this.sessions = sessions;
        this.directory = directory;
        this.events = events;
        this.authentications = authentications;
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
        User user = directory.userByEmail(email).orElse(null);
        events.publishEvent(new LoginFailed(
                user == null ? null : user.id(), user == null ? null : user.organizationId(), email, reason, client));
    }

    /** Signs in; every attempt is counted ({@link Authentications}, credential {@code password}). */
    public CompletableFuture<SessionManagement.Tokens> login(
            String email, String password, SecondFactor factor, ClientInfo client) {
        CompletableFuture<SessionManagement.Tokens> attempt;
        try {
            attempt = attempt(email, password, factor, client);
        } catch (RuntimeException e) {
            authentications.failed("password", e);
            throw e;
        }
        return attempt.whenComplete((tokens, failure) -> {
            if (failure == null) {
                authentications.succeeded("password");
            } else {
                authentications.failed("password", failure);
            }
        });
    }

    private CompletableFuture<SessionManagement.Tokens> attempt(
            String email, String password, SecondFactor factor, ClientInfo client) {
        if (!plausible(email, password)) {
            // No account has such an email and no password is that long: nothing to look up or hash.
            return CompletableFuture.failedFuture(ApiException.invalidCredentials());
        }
        return check.atLogin(
                        email,
                        password,
                        factor,
                        client,
                        new CredentialCheck.Refusals(throttled -> failed(email, "throttled", client), refused -> {
                            // A wrong or locked code is recorded by the second-factor check itself.
                            if (refused.code().equals("invalid_credentials")
                                    || refused.code().equals("mfa_required")) {
                                failed(email, refused.code(), client);
                            }
                            return refused;
                        }))
                .thenApply(user -> sessions.start(user, client));
    }
}
