package com.claribi.ratelimit;

import com.claribi.platform.ApiException;
import com.claribi.platform.BadCredentialBudget;
import com.claribi.platform.HttpsPolicy;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@code CLARIBI_RATE_LIMIT_BAD_CREDENTIALS_PER_MINUTE} refused credentials per client address (IPv6 per /64), in the
 * shared store when Redis is configured. Spending is the only store operation: when a refusal finds the budget empty,
 * the address is remembered in this process until its next token, and requests from it are answered 429 with that
 * wait, at the cost of one in-memory lookup, before any credential is checked. Correct credentials never spend
 * anything, so many concurrent good requests from one address are never refused for being concurrent; an address
 * that has spent its budget is refused whatever it presents until the budget refills (one token per
 * window / budget).
 */
@Component
final class AddressBadCredentialBudget implements BadCredentialBudget {

    private final Budget budget;
    private final HttpsPolicy https;
    private final String window;
    /** Addresses that found the budget empty, and the {@link System#nanoTime} at which it has a token again. */
    private final Cache<String, Long> spentUntil;

    AddressBadCredentialBudget(Budgets budgets, RateLimitProperties limits, HttpsPolicy https) {
        this.budget = budgets.budget("bad-credentials", limits.badCredentialsPerMinute(), limits.window());
        this.https = https;
        this.window = limits.window().equals(Duration.ofMinutes(1))
                ? "minute"
                : limits.window().toSeconds() + " seconds";
        this.spentUntil = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(limits.window())
                .build();
    }

    @Override
    public @Nullable ApiException refusal(HttpServletRequest request) {
        Long until = spentUntil.getIfPresent(key(request));
        if (until == null) {
            return null;
        }
        long wait = until - System.nanoTime();
        if (wait <= 0) {
            return null;
        }
        budget.refused();
        return ApiException.rateLimited(
                (wait + 999_999_999L) / 1_000_000_000L,
                "This address sent more than " + budget.capacity() + " bad credentials per " + window
                        + "; credentials from it are not checked until the budget refills.");
    }

    @Override
    public void spend(HttpServletRequest request) {
        String key = key(request);
        Admission admission = budget.take(key);
        if (!admission.admitted()) {
            spentUntil.put(key, System.nanoTime() + admission.nanosToWait());
        } else if (admission.remaining() == 0) {
            // That was the last token: the next credential waits for the next one (refilled evenly over the window).
            spentUntil.put(key, System.nanoTime() + budget.period().toNanos() / budget.capacity());
        }
    }

    private String key(HttpServletRequest request) {
        return AddressKeys.of(https.clientAddress(request));
    }
}
