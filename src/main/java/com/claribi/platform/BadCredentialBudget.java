package com.claribi.platform;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * A budget of refused credentials per client address: every 401 answered to a credential a request presented (an
 * invalid, unknown, revoked or expired API key or token) spends one, and an address that has spent it is answered
 * 429 before its next credential is looked up, so a flood of made-up credentials costs neither the database nor a
 * signature check.
 */
public interface BadCredentialBudget {

    /** The 429 to answer at once, before any lookup, when the request's address has spent its budget; else null. */
    @Nullable
    ApiException refusal(HttpServletRequest request);

    /** Spends one of the request's address's budget: a credential it presented was refused. */
    void spend(HttpServletRequest request);
}
