package com.claribi.ratelimit;

import com.claribi.platform.ApiException;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * The budgets of password-reset requests ({@code POST /api/auth/password-reset/}). Per client address: over it, the
 * request gets 429 whatever the email, so the refusal says nothing about accounts. Per account: over it, no email is
 * sent but the answer is the same 202, so the budget cannot tell anyone which emails have accounts; it keeps a
 * mailbox from being flooded from many addresses. Shared through Redis when it is configured, like every budget.
 */
@Component
public final class PasswordResetThrottle {

    private final Budget addresses;
    private final Budget accounts;

    PasswordResetThrottle(RateLimitProperties properties, Budgets budgets) {
        Settings settings = properties.passwordReset();
        this.addresses = budgets.budget("password-reset-address", settings.perAddress(), settings.perAddressPeriod());
        this.accounts = budgets.budget("password-reset-account", settings.perAccount(), settings.perAccountPeriod());
    }

    /**
     * Requests allowed per period, refilled evenly: {@code claribi.rate-limit.password-reset.*}, documented as
     * {@code CLARIBI_PASSWORD_RESET_*}.
     */
    record Settings(
            @DefaultValue("10") int perAddress,
            @DefaultValue("PT1H") Duration perAddressPeriod,
            @DefaultValue("3") int perAccount,
            @DefaultValue("PT1H") Duration perAccountPeriod) {}

    /** Admits a request from {@code address}, or refuses it with 429 {@code rate_limited} and its Retry-After. */
    public void admitAddress(String address) {
        Admission admission = addresses.take(AddressKeys.of(address));
        if (!admission.admitted()) {
            addresses.refused();
            throw ApiException.rateLimited(
                    admission.retryAfterSeconds(), "Too many password reset requests from this address.");
        }
    }

    /** Whether one more email may go to the account of {@code email} now. */
    public boolean admitAccount(String email) {
        return accounts.take(LoginThrottle.accountKey(email)).admitted();
    }
}
