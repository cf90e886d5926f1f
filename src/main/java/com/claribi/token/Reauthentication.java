package com.claribi.token;

import com.claribi.identity.Directory;
import com.claribi.identity.User;
import com.claribi.mfa.SecondFactor;
import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import java.util.concurrent.CompletableFuture;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * {@code POST /api/auth/reauthenticate/}: the signed-in user proves the password (and the second factor when MFA is
 * on) again, and gets an access token of the same session with a fresh {@code auth_time} (sudo mode). The check is the
 * login's ({@link CredentialCheck}) under the failed-attempt budgets of a check inside a session (the per-account one
 * whatever the address); refusals are 400, since the session itself is fine, and every one is audited.
 */
@Service
public class Reauthentication {

    private final CredentialCheck check;
    private final SessionManagement sessions;
    private final Directory directory;
    private final ApplicationEventPublisher events;

    Reauthentication(
            CredentialCheck check, SessionManagement sessions, Directory directory, ApplicationEventPublisher events) {
        this.check = check;
        this.sessions = sessions;
        this.directory = directory;
        this.events = events;
    }

    /** Resolves to the new access token, or fails with an {@link ApiException}. */
    public CompletableFuture<String> reauthenticate(
            ApiPrincipal principal, String password, SecondFactor factor, ClientInfo client) {
        String sessionId = principal.requireSession();
        User user = directory
                .user(principal.userId())
                .filter(User::active)
                .orElseThrow(() -> ApiException.invalidToken("The user of this session is deactivated."));
        if (!Login.plausible(user.email(), password)) {
            failed(user, "invalid_credentials", client);
            return CompletableFuture.failedFuture(ApiException.invalidCredentialsInSession());
        }
        return check.inSession(
                        user.email(),
                        password,
                        factor,
                        client,
                        new CredentialCheck.Refusals(throttled -> failed(user, "throttled", client), refused -> {
                            failed(user, refused.code(), client);
                            return switch (refused.code()) {
                                case "invalid_credentials" -> ApiException.invalidCredentialsInSession();
                                case "mfa_required" -> ApiException.mfaRequiredInSession();
                                case "invalid_mfa_code" -> ApiException.invalidMfaCodeInSession();
                                case "mfa_locked" -> ApiException.mfaLockedInSession();
                                default -> refused;
                            };
                        }))
                .thenApply(checked -> {
                    String access = sessions.reauthenticated(principal);
                    events.publishEvent(
                            new Reauthenticated(user.id(), user.organizationId(), user.email(), sessionId, client));
                    return access;
                });
    }

    private void failed(User user, String reason, ClientInfo client) {
        events.publishEvent(new ReauthenticationFailed(user.id(), user.organizationId(), user.email(), reason, client));
    }
}
