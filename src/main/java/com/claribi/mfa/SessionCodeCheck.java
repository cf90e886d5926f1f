package com.claribi.mfa;

import com.claribi.identity.User;
import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import com.claribi.ratelimit.LoginThrottle;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A code that a change of the signed-in user's MFA settings needs (confirming, turning off, new recovery codes),
 * checked under the failed-attempt budgets of every credential check, the account's own one whatever the address. A
 * refused code keeps the attempt's tokens, an accepted one gives them back; a refusal by the budgets is audited like a
 * wrong code.
 */
@Component
class SessionCodeCheck {

    private final LoginThrottle throttle;
    private final CodeVerification verification;
    private final CodeOutcomes outcomes;
    private final ApplicationEventPublisher events;

    SessionCodeCheck(
            LoginThrottle throttle,
            CodeVerification verification,
            CodeOutcomes outcomes,
            ApplicationEventPublisher events) {
        this.throttle = throttle;
        this.verification = verification;
        this.outcomes = outcomes;
        this.events = events;
    }

    /**
     * Returns when {@code check} accepts the code; throws {@code invalid_mfa_code} or {@code mfa_locked} (their
     * in-session forms) when it does not, and the budgets' refusal when the code could not be checked.
     */
    void require(
            User user, String where, Function<CodeVerification, CodeVerification.Verdict> check, ClientInfo client) {
        LoginThrottle.Attempt attempt = attempt(user, where, client);
        CodeVerification.Verdict verdict;
        try {
            verdict = check.apply(verification);
            outcomes.report(user, where, verdict, client);
        } catch (RuntimeException unchecked) {
            throttle.succeeded(attempt);
            throw unchecked;
        }
        if (!verdict.accepted()) {
            throttle.failed(attempt);
            throw verdict == CodeVerification.Verdict.LOCKED_TOTP
                    ? ApiException.mfaLockedInSession()
                    : ApiException.invalidMfaCodeInSession();
        }
        throttle.succeeded(attempt);
    }

    private LoginThrottle.Attempt attempt(User user, String where, ClientInfo client) {
        try {
            return throttle.attemptInSession(user.email(), client.address());
        } catch (ApiException throttled) {
            events.publishEvent(new MfaCodeFailed(
                    user.id(),
                    user.organizationId(),
                    user.email(),
                    where,
                    "not checked: too many failed attempts (" + throttled.detail() + ")",
                    client));
            throw throttled;
        }
    }
}
