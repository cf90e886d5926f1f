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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * The one gate of every check of a password or second factor (login, re-authentication, a password change's old
 * password, MFA codes): three failed-attempt budgets, per account and address (one source guessing one password), per
 * address (one source spraying many accounts) and per account whatever the address (many sources guessing one
 * password). Addresses are counted per IPv6 /64 ({@link AddressKeys}).
 *
 * <p>An attempt takes a token from each budget before the credential is checked, so N parallel wrong guesses can never
 * get more checks than the budget; {@link #succeeded} gives the tokens back, {@link #failed} keeps them. Tokens held by
 * attempts still being checked would make correct attempts that arrive at the same moment look like guessing, so a
 * budget emptied only by such unresolved attempts does not refuse at once: the newcomer waits (at most
 * {@code in-flight-wait}) until one of them resolves, then tries again. A correct one gives its token back and the
 * newcomer gets it; a wrong one keeps it, and once none is left in flight the newcomer is refused. The guarantee holds
 * because the newcomer still needs a token to go on. Attempts in flight are known to this process only: with Redis,
 * those of other processes look like failures for the duration of their check.
 *
 * <p>Only the login exempts an address the account has signed in from before from the per-account budget, so that
 * someone guessing from elsewhere cannot lock the owner out of signing in. Checks made inside a session
 * ({@link #attemptInSession}) spend all three budgets: a stolen session must not turn into unlimited guesses from many
 * addresses, and its owner's session stays usable while the budget refills. Every budget refills steadily, so a lock
 * lasts seconds to a minute. The budgets are {@link Budgets}: shared through Redis when it is configured.
 */
@Component
public final class LoginThrottle {

    private static final long STALE = Duration.ofMinutes(1).toNanos();
    /** Rounds tried again at once, per check, because an attempt resolved while this one was being refused. */
    private static final int RETRIES = 3;

    private final Budget accountAndAddress;
    private final Budget accounts;
    private final Budget addresses;
    private final long inFlightWaitNanos;
    /**
     * Unresolved attempts per budget key, in this process. An attempt older than {@link #STALE} no longer counts, so an
     * attempt a caller never resolved cannot make others wait forever.
     */
    private final ConcurrentHashMap<String, Set<Attempt>> inFlight = new ConcurrentHashMap<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition resolved = lock.newCondition();
    /** Counts resolutions, so that one happening between a refusal and the wait is not missed. */
    private volatile long generation;

    @Autowired
    LoginThrottle(RateLimitProperties properties, Budgets budgets) {
        this(properties.loginThrottle(), budgets);
    }

    LoginThrottle(Settings settings, Budgets budgets) {
        this.accountAndAddress = budgets.budget(
                "login-account-address", settings.perAccountAndAddress(), settings.perAccountAndAddressPeriod());
        this.accounts = budgets.budget("login-account", settings.perAccount(), settings.perAccountPeriod());
        this.addresses = budgets.budget("login-address", settings.perAddress(), settings.perAddressPeriod());
        this.inFlightWaitNanos = settings.inFlightWait().toNanos();
    }

    /**
     * N failures allowed per period, refilled evenly over the period; how long an attempt may wait for attempts in
     * flight to resolve before it is refused: {@code claribi.rate-limit.login-throttle.*}, documented as
     * {@code CLARIBI_LOGIN_THROTTLE_*}.
     */
    record Settings(
            @DefaultValue("5") int perAccountAndAddress,
            @DefaultValue("PT5M") Duration perAccountAndAddressPeriod,
            @DefaultValue("20") int perAccount,
            @DefaultValue("PT5M") Duration perAccountPeriod,
            @DefaultValue("100") int perAddress,
            @DefaultValue("PT5M") Duration perAddressPeriod,
            @DefaultValue("PT10S") Duration inFlightWait) {}

    /** What an admitted attempt holds until it is resolved by {@link #succeeded} or {@link #failed}. */
    public static final class Attempt {

        private final List<Admission> taken;
        private final List<String> keys;
        private final AtomicBoolean open = new AtomicBoolean(true);
        private final long started = System.nanoTime();

        private Attempt(List<Admission> taken, List<String> keys) {
            this.taken = taken;
            this.keys = keys;
        }
    }

    /**
     * Admits a login's attempt, or refuses it with 429 naming the spent budget and an honest Retry-After.
     * {@code signedInFromHereBefore} is asked only when the account's own budget is spent.
     */
    public Attempt attempt(String email, String address, BooleanSupplier signedInFromHereBefore) {
        return admit(email, address, signedInFromHereBefore);
    }

    /**
     * Admits a check made inside a signed-in session (re-authentication, old password, an MFA code): the same budgets
     * as a login, the account's own one whatever the address.
     */
    public Attempt attemptInSession(String email, String address) {
        return admit(email, address, () -> false);
    }

    /** The credential was right: the attempt does not count against any budget. */
    public void succeeded(Attempt attempt) {
        if (attempt.open.compareAndSet(true, false)) {
            attempt.taken.forEach(Admission::giveBack);
            leave(attempt);
        }
    }

    /** The credential was wrong: the attempt keeps its tokens. */
    public void failed(Attempt attempt) {
        if (attempt.open.compareAndSet(true, false)) {
            leave(attempt);
        }
    }

    private Attempt admit(String email, String address, BooleanSupplier exempt) {
        String account = accountKey(email);
        String source = AddressKeys.of(address);
        List<Key> keys = List.of(
                new Key(accountAndAddress, account + "|" + source, "for this account from this address"),
                new Key(addresses, source, "from this address"),
                new Key(accounts, account, "for this account"));
        List<String> inFlightKeys = keys.stream().map(Key::inFlightKey).toList();
        long deadline = System.nanoTime() + inFlightWaitNanos;
        Boolean exempted = null;
        int retries = 0;
        while (true) {
            long seen = generation;
            Attempt attempt = new Attempt(new ArrayList<>(3), inFlightKeys);
            Key refusedBy = null;
            long wait = 0;
            for (Key key : keys) {
                // In flight for a key before it can hold the key's token: whoever finds that budget spent by this
                // attempt sees it pending, and waits for it instead of refusing.
                register(key.inFlightKey(), attempt);
                Admission admission = key.budget.take(key.key);
                if (admission.admitted()) {
                    attempt.taken.add(admission);
                    continue;
                }
                unregister(key.inFlightKey(), attempt);
                if (key.budget == accounts) {
                    if (exempted == null) {
                        try {
                            exempted = exempt.getAsBoolean();
                        } catch (RuntimeException unchecked) {
                            // The exemption could not be read (the database is down): nothing was checked.
                            abandon(attempt);
                            throw unchecked;
                        }
                    }
                    if (exempted) {
                        continue;
                    }
                }
                if (admission.nanosToWait() > wait) {
                    wait = admission.nanosToWait();
                    refusedBy = key;
                }
            }
            if (refusedBy == null) {
                return attempt;
            }
            // What this round moved the generation by itself: only others' moves mean tokens may be back.
            long own = abandon(attempt);
            if (!pending(refusedBy.inFlightKey())) {
                if (generation != seen + own && retries++ < RETRIES) {
                    // An attempt resolved since this round began (and has left): its tokens may be back. A few times
                    // only: under a flood of refused guesses the generation never stops moving.
                    continue;
                }
                refusedBy.budget.refused();
                throw ApiException.rateLimited(
                        seconds(wait), "Too many failed attempts " + refusedBy.scope + "; wait before trying again.");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                refusedBy.budget.refused();
                throw ApiException.rateLimited(
                        1, "Too many attempts " + refusedBy.scope + " are still being checked; retry in a moment.");
            }
            awaitResolution(seen + own, left);
        }
    }

    /**
     * A refused round's attempt gives back what it took and leaves the in-flight sets; if it held tokens, the others
     * are told (as when an attempt resolves), since one of them may have been refused while it held them. Answers by how
     * much it moved the generation.
     */
    private long abandon(Attempt attempt) {
        attempt.taken.forEach(Admission::giveBack);
        if (attempt.taken.isEmpty()) {
            attempt.keys.forEach(key -> unregister(key, attempt));
            return 0;
        }
        leave(attempt);
        return 2;
    }

    /** Waits until an attempt resolves after {@code seen} (at once if one already has), or the time runs out. */
    private void awaitResolution(long seen, long nanos) {
        lock.lock();
        try {
            long left = nanos;
            while (generation == seen && left > 0) {
                left = resolved.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.serviceUnavailable("The server is shutting down.");
        } finally {
            lock.unlock();
        }
    }

    /** Whether attempts holding tokens of this key are still being checked. */
    private boolean pending(String key) {
        long now = System.nanoTime();
        Set<Attempt> attempts = inFlight.computeIfPresent(key, (k, open) -> {
            open.removeIf(attempt -> now - attempt.started > STALE);
            return open.isEmpty() ? null : open;
        });
        return attempts != null;
    }

    /**
     * Leaves the in-flight sets between two moves of the generation: one before, so that whoever no longer finds the
     * attempt pending sees that the generation moved (and tries again rather than refusing), one after, to wake whoever
     * began waiting while it was still there.
     */
    private void leave(Attempt attempt) {
        signal();
        attempt.keys.forEach(key -> unregister(key, attempt));
        signal();
    }

    private void signal() {
        lock.lock();
        try {
            generation++;
            resolved.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void register(String key, Attempt attempt) {
        inFlight.compute(key, (k, open) -> {
            Set<Attempt> attempts = open == null ? ConcurrentHashMap.newKeySet() : open;
            attempts.add(attempt);
            return attempts;
        });
    }

    private void unregister(String key, Attempt attempt) {
        inFlight.computeIfPresent(key, (k, open) -> {
            open.remove(attempt);
            return open.isEmpty() ? null : open;
        });
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    /** One budget's bucket for this attempt, and how a refusal names it. */
    private record Key(Budget budget, String key, String scope) {

        String inFlightKey() {
            return budget.name() + ":" + key;
        }
    }

    /** A fixed-size key whatever the client sends as an email. */
    /** An account's key in the budgets: part of the SHA-256 of its normalized email, never the email itself. */
    static String accountKey(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
