package com.claribi.ratelimit;

import com.claribi.platform.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Throttles failed logins with three budgets: per account and address (stops one source guessing one
 * password), per address (stops one source spraying many accounts) and per account (stops many sources guessing one
 * password). An attempt takes a token from each before the password is checked, so parallel requests cannot slip past
 * the budget, and a success gives them back. The per-account budget does not apply to an address the account has
 * signed in from before, so someone guessing from elsewhere cannot lock its owner out; every budget refills steadily,
 * so a lock lasts seconds to a minute. The budgets are {@link Budgets}: shared through Redis when it is configured.
 */
@Component
public final class LoginThrottle {

    private final Budget accountAndAddress;
    private final Budget accounts;
    private final Budget addresses;

    LoginThrottle(Settings settings, Budgets budgets) {
        this.accountAndAddress = budgets.budget(
                "login-account-address", settings.perAccountAndAddress(), settings.perAccountAndAddressPeriod());
        this.accounts = budgets.budget("login-account", settings.perAccount(), settings.perAccountPeriod());
        this.addresses = budgets.budget("login-address", settings.perAddress(), settings.perAddressPeriod());
    }

    /** N failures allowed per period, refilled evenly over the period. */
    @ConfigurationProperties("claribi.login-throttle")
    record Settings(
            @DefaultValue("5") int perAccountAndAddress,
            @DefaultValue("PT5M") Duration perAccountAndAddressPeriod,
            @DefaultValue("20") int perAccount,
            @DefaultValue("PT5M") Duration perAccountPeriod,
            @DefaultValue("100") int perAddress,
            @DefaultValue("PT5M") Duration perAddressPeriod) {}

    /** What an admitted attempt holds; give it back with {@link #succeeded} when the credentials were right. */
    public static final class Attempt {

        private final List<Admission> taken;

        private Attempt(List<Admission> taken) {
            this.taken = taken;
        }
    }

    /**
     * Admits an attempt by taking a token from each applicable budget, or refuses it with 429 and an honest
     * Retry-After. {@code signedInFromHereBefore} is asked only when the account's own budget is spent.
     */
    public Attempt attempt(String email, String address, BooleanSupplier signedInFromHereBefore) {
        String account = accountKey(email);
        String source = AddressKeys.of(address);
        List<Admission> taken = new ArrayList<>(3);
        long wait = take(taken, accountAndAddress, account + "|" + source);
        wait = Math.max(wait, take(taken, addresses, source));
        long accountWait = take(taken, accounts, account);
        if (accountWait > 0 && !signedInFromHereBefore.getAsBoolean()) {
            wait = Math.max(wait, accountWait);
        }
        if (wait > 0) {
            taken.forEach(Admission::giveBack);
            throw ApiException.rateLimited(
                    (wait + 999_999_999L) / 1_000_000_000L,
                    "Too many failed sign-in attempts; wait before trying again.");
        }
        return new Attempt(taken);
    }

    /** The credentials were right: the attempt does not count against any budget. */
    public void succeeded(Attempt attempt) {
        attempt.taken.forEach(Admission::giveBack);
    }

    private static long take(List<Admission> taken, Budget budget, String key) {
        Admission admission = budget.take(key);
        if (admission.admitted()) {
            taken.add(admission);
        }
        return admission.nanosToWait();
    }

    /** A fixed-size key whatever the client sends as an email. */
    private static String accountKey(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
