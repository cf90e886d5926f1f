package com.claribi.ratelimit;

import com.claribi.platform.ApiException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Throttles failed logins with three token buckets, one token spent per failure: per account and address (stops one
 * source guessing one password), per address (stops one source spraying many accounts) and per account (stops many
 * sources guessing one password). The per-account bucket does not apply to an address that has signed in to that
 * account before, so an attacker elsewhere cannot lock its owner out; and every bucket refills steadily, so a lock
 * lasts seconds to a minute, never until an operator steps in.
 */
@Component
public final class LoginThrottle {

    private final Settings settings;
    private final Cache<String, Bucket> accountAndAddress;
    private final Cache<String, Bucket> accounts;
    private final Cache<String, Bucket> addresses;
    private final Cache<String, Boolean> knownAddresses;

    LoginThrottle(Settings settings) {
        this.settings = settings;
        this.accountAndAddress = buckets(settings.perAccountAndAddressPeriod());
        this.accounts = buckets(settings.perAccountPeriod());
        this.addresses = buckets(settings.perAddressPeriod());
        this.knownAddresses = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(Duration.ofDays(30))
                .build();
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

    /** Refuses the attempt with 429 and an honest Retry-After when a budget of failures is spent. */
    public void check(String email, String address) {
        String account = normalize(email);
        long waitNanos = Math.max(
                wait(
                        accountAndAddress,
                        account + "|" + address,
                        settings.perAccountAndAddress(),
                        settings.perAccountAndAddressPeriod()),
                wait(addresses, address, settings.perAddress(), settings.perAddressPeriod()));
        if (knownAddresses.getIfPresent(account + "|" + address) == null) {
            waitNanos =
                    Math.max(waitNanos, wait(accounts, account, settings.perAccount(), settings.perAccountPeriod()));
        }
        if (waitNanos > 0) {
            throw ApiException.rateLimited(
                    (waitNanos + 999_999_999L) / 1_000_000_000L,
                    "Too many failed sign-in attempts; wait before trying again.");
        }
    }

    public void recordFailure(String email, String address) {
        String account = normalize(email);
        bucket(
                        accountAndAddress,
                        account + "|" + address,
                        settings.perAccountAndAddress(),
                        settings.perAccountAndAddressPeriod())
                .tryConsume(1);
        bucket(addresses, address, settings.perAddress(), settings.perAddressPeriod())
                .tryConsume(1);
        bucket(accounts, account, settings.perAccount(), settings.perAccountPeriod())
                .tryConsume(1);
    }

    public void recordSuccess(String email, String address) {
        knownAddresses.put(normalize(email) + "|" + address, Boolean.TRUE);
    }

    private static long wait(Cache<String, Bucket> cache, String key, int capacity, Duration period) {
        Bucket bucket = cache.getIfPresent(key);
        if (bucket == null) {
            return 0;
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : probe.getNanosToWaitForRefill();
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

    private static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
