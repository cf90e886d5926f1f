package com.claribi.identity;

import com.claribi.platform.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id password hashing (RFC 9106) on a small bounded pool of its own, so that a flood of logins occupies at
 * most that pool and the other requests keep their threads; past the pool's queue a login is refused at once with
 * 429 instead of waiting. The pool's threads run at a lower scheduling priority ({@link HashingThreadPriority}), so that
 * they also leave the cores to the other requests. Its futures complete on a virtual thread, never on a hashing thread:
 * the work a caller chains on them (database writes, the second factor) neither holds a hashing thread nor runs at its
 * priority.
 */
@Component
final class PasswordHashing {

    /** Only decides whether a stored hash's parameters are below the configured ones. */
    private final Argon2PasswordEncoder encoder;
    /** Hashes and checks, in the same format, reusing each hashing thread's memory blocks. */
    private final Argon2 argon2;

    private final ThreadPoolExecutor pool;
    /** Completes the pool's futures, so that what comes after a hash runs off the pool. */
    private final ExecutorService afterHashing = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * Hashed on the pool as the server starts, not on the thread that starts it (one hash was about 5% of the main
     * thread's start-up CPU in a profile); the first check of an unknown email waits for it if it is not done yet.
     */
    private final CompletableFuture<String> dummyHash;

    private final Counter refused;

    @Autowired
    PasswordHashing(IdentityProperties properties, ObjectProvider<MeterRegistry> meters) {
        this(properties.passwordHashing(), meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    PasswordHashing(Settings settings) {
        this(settings, new SimpleMeterRegistry());
    }

    /**
     * The pool's queue and threads are published as Micrometer's executor metrics ({@code executor.queued},
     * {@code executor.active}, ... with {@code name=password-hashing}); the checks refused because its queue was full
     * as {@code claribi.password.hashing.refused}.
     */
    PasswordHashing(Settings settings, MeterRegistry meters) {
        // Salt 16 bytes, hash 32 bytes, parallelism 1: the OWASP minimum is m=19 MiB, t=2, p=1.
        this.encoder = new Argon2PasswordEncoder(16, 32, 1, settings.memoryKib(), settings.iterations());
        this.argon2 = new Argon2(16, 32, 1, settings.memoryKib(), settings.iterations());
        int threads = settings.threads() > 0
                ? settings.threads()
                : Runtime.getRuntime().availableProcessors();
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queue()),
                r -> {
                    Runnable lowered = () -> {
                        HashingThreadPriority.lowerCurrentThread();
                        r.run();
                    };
                    Thread thread = new Thread(lowered, "password-hashing-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
        new ExecutorServiceMetrics(pool, "password-hashing", List.of()).bindTo(meters);
        this.refused = Counter.builder("claribi.password.hashing.refused")
                .description("Password checks refused with 429 because the hashing pool's queue was full")
                .register(meters);
        // Submitted before any check can be: a check that needs it runs after it on a single thread, or waits for
        // another thread that is already hashing it, never for a task queued behind itself.
        this.dummyHash = CompletableFuture.supplyAsync(
                () -> argon2.encode("a password nobody has: it only makes unknown emails cost the same time"), pool);
    }

    /**
     * Hashing parameters and the pool's size, {@code claribi.identity.password-hashing.*} (documented as
     * {@code CLARIBI_PASSWORD_HASHING_*}); the defaults meet OWASP's Argon2id minimum.
     */
    record Settings(
            @DefaultValue("19456") int memoryKib,
            @DefaultValue("2") int iterations,
            @DefaultValue("0") int threads,
            @DefaultValue("64") int queue) {}

    /** The outcome of checking a password: whether it matched and, if so, whether its hash should be redone. */
    public record Verification(boolean matches, boolean needsRehash) {}

    public CompletableFuture<String> hash(String password) {
        return submit(() -> argon2.encode(password));
    }

    /** Checks {@code password} against {@code hash}, or against a dummy hash when there is no user, at equal cost. */
    public CompletableFuture<Verification> verify(String password, @Nullable String hash) {
        return submit(() -> {
            boolean matches = argon2.matches(password, hash == null ? dummyHash.join() : hash);
            return new Verification(matches && hash != null, matches && hash != null && encoder.upgradeEncoding(hash));
        });
    }

    /** Hashes on the calling thread: for the command line, where no request is waiting. */
    public String hashNow(String password) {
        return argon2.encode(password);
    }

    private <T> CompletableFuture<T> submit(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, pool).whenCompleteAsync((result, failure) -> {}, afterHashing);
        } catch (RejectedExecutionException e) {
            refused.increment();
            return CompletableFuture.failedFuture(
                    ApiException.rateLimited(1, "The server is busy checking other sign-ins; retry in a second."));
        }
    }

    @PreDestroy
    void shutdown() {
        pool.shutdown();
    }
}
