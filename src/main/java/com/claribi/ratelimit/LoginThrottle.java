package com.claribi.ratelimit;

import com.claribi.platform.ApiException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
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
 * Throttles failed logins with three token buckets: per account and address (stops one source guessing one
 * password), per address (stops one source spraying many accounts) and per account (stops many sources guessing one
 * password). An attempt takes a token from each before the password is checked, so parallel requests cannot slip past
 * the budget, and a success gives them back. The per-account bucket does not apply to an address the account has
 * signed in from before, so someone guessing from elsewhere cannot lock its owner out; every bucket refills steadily,
 * so a lock lasts seconds to a minute.
 */
@Component
public final class LoginThrottle {

    private final Settings settings;
    private final Cache<String, Bucket> accountAndAddress;
    private final Cache<String, Bucket> accounts;
    private final Cache<String, Bucket> addresses;

    LoginThrottle(Settings settings) {
        this.settings = settings;
        this.accountAndAddress = buckets(settings.perAccountAndAddressPeriod());
        this.accounts = buckets(settings.perAccountPeriod());
        this.addresses = buckets(settings.perAddressPeriod());
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

        private final List<Bucket> taken;

        private Attempt(List<Bucket> taken) {
            this.taken = taken;
        }
    }

    /**
     * Admits an attempt by taking a token from each applicable budget, or refuses it with 429 and an honest
     * Retry-After. {@code signedInFromHereBefore} is asked only when the account's own budget is spent.
     */
    public Attempt attempt(String email, String address, BooleanSupplier signedInFromHereBefore) {
        String account = accountKey(email);
        String source = addressKey(address);
        List<Bucket> taken = new ArrayList<>(3);
        long wait = take(
                taken,
                bucket(
                        accountAndAddress,
                        account + "|" + source,
                        settings.perAccountAndAddress(),
                        settings.perAccountAndAddressPeriod()));
        wait = Math.max(
                wait, take(taken, bucket(addresses, source, settings.perAddress(), settings.perAddressPeriod())));
        long accountWait = take(taken, bucket(accounts, account, settings.perAccount(), settings.perAccountPeriod()));
        if (accountWait > 0 && !signedInFromHereBefore.getAsBoolean()) {
            wait = Math.max(wait, accountWait);
        }
        if (wait > 0) {
            taken.forEach(bucket -> bucket.addTokens(1));
            throw ApiException.rateLimited(
                    (wait + 999_999_999L) / 1_000_000_000L,
                    "Too many failed sign-in attempts; wait before trying again.");
        }
        return new Attempt(taken);
    }

    /** The credentials were right: the attempt does not count against any budget. */
    public void succeeded(Attempt attempt) {
        attempt.taken.forEach(bucket -> bucket.addTokens(1));
    }

    private static long take(List<Bucket> taken, Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            taken.add(bucket);
            return 0;
        }
        return Math.max(1, probe.getNanosToWaitForRefill());
    }

    private static Bucket bucket(Cache<String, Bucket> cache, String key, int capacity, Duration period) {
        return cache.get(
                key,
                k -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                        .build());
    }

    private static Cache<String, Bucket> buckets(Duration period) {
        // A bucket untouched for a whole period is full again: forgetting it changes nothing.
        return Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfterAccess(period)
                .build();
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

    /** IPv6 clients are counted per /64, the block one subscriber usually holds, so rotating addresses gains nothing. */
    static String addressKey(String address) {
        if (address.indexOf(':') < 0 || !address.matches("[0-9A-Fa-f:.]+")) {
            return address;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(address).getAddress();
            if (bytes.length == 16) {
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
        } catch (java.net.UnknownHostException e) {
            // Not an address literal: count it as given.
        }
        return address;
    }
}
