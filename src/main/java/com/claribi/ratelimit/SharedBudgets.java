package com.claribi.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buckets kept in Redis, updated by Bucket4j's compare-and-swap (a Lua script that writes the new state only if the
 * stored one is still what the client read), so every process sharing Redis draws from one budget exactly (a token at
 * a time, or a lease of several for a leased budget, {@link #asyncBucket}). When Redis
 * cannot be reached, {@link #bucket} answers {@code null} at once and the caller uses its in-process bucket; a watcher
 * pings Redis every half second and the shared budgets resume as soon as it answers, without a restart.
 */
final class SharedBudgets implements AutoCloseable {

    static final String FALLBACK_METRIC = "claribi.rate.limit.redis.fallbacks";
    static final String AVAILABLE_METRIC = "claribi.rate.limit.redis.available";

    private static final Logger log = LoggerFactory.getLogger(SharedBudgets.class);
    /**
     * A refused or lost connection is noticed at once (commands are rejected while disconnected); these bound the wait
     * on a Redis that hangs. They are generous because a loaded machine can take seconds for one check under
     * contention, and a check that gives up too early is decided in-process, which would break exactness.
     */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final Duration WATCH_INTERVAL = Duration.ofMillis(500);
    private static final Duration CLOCK_SYNC_INTERVAL = Duration.ofSeconds(5);

    private final RedisClient client;
    private final ClientResources resources;
    private final RedisClock clock = new RedisClock();
    private final Cache<String, Bucket> proxies = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();
    private final Cache<String, AsyncBucketProxy> asyncProxies = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "redis-budget-watcher");
        thread.setDaemon(true);
        return thread;
    });
    private final Counter fallbacks;
    private final String target;

    private volatile @Nullable StatefulRedisConnection<byte[], byte[]> connection;
    private volatile @Nullable ProxyManager<byte[]> manager;
    private volatile boolean available;
    /** Whether the outage has been logged: once per outage, including one that begins before the first connection. */
    private volatile boolean reported;

    private long lastClockSync;

    SharedBudgets(String redisUrl, MeterRegistry meters) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(TIMEOUT);
        this.target = uri.getHost() + ":" + uri.getPort();
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.constant(WATCH_INTERVAL))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // While disconnected, fail at once instead of queueing: the request falls back to a local budget.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(
                        SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .build());
        this.fallbacks = Counter.builder(FALLBACK_METRIC)
                .description("Budget checks decided by a per-process bucket because Redis was unreachable")
                .register(meters);
        Gauge.builder(AVAILABLE_METRIC, this, shared -> shared.available ? 1 : 0)
                .description("1 while the shared (Redis) budgets are in use, 0 while each process keeps its own")
                .register(meters);
        watch();
        watcher.scheduleWithFixedDelay(
                this::watch, WATCH_INTERVAL.toMillis(), WATCH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The shared bucket for {@code key}, or {@code null} while Redis is unreachable. */
    @Nullable
    Bucket bucket(String key, Budget budget) {
        ProxyManager<byte[]> current = manager;
        if (!available || current == null) {
            return null;
        }
        Bucket bucket = proxies.getIfPresent(key);
        if (bucket == null) {
            // Batching: the checks that arrive while one is in flight for the same key go to Redis together, as one
            // compare-and-swap, so many threads on one key do not retry against each other.
            bucket = proxies.get(
                    key,
                    k -> current.builder()
                            .withOptimization(Optimizations.batching())
                            .build(Budget.redisKey(k), budget::configuration));
        }
        return bucket;
    }

    /**
     * The shared bucket for {@code key} for calls that do not block (the leases of a leased budget: the request that
     * needs one waits for it, the others go on), or {@code null} while Redis is unreachable.
     */
    @Nullable
    AsyncBucketProxy asyncBucket(String key, Budget budget) {
        ProxyManager<byte[]> current = manager;
        if (!available || current == null) {
            return null;
        }
        AsyncBucketProxy bucket = asyncProxies.getIfPresent(key);
        if (bucket == null) {
            bucket = asyncProxies.get(
                    key,
                    k -> current.asAsync()
                            .builder()
                            .build(
                                    Budget.redisKey(k),
                                    () -> CompletableFuture.completedFuture(budget.configuration())));
        }
        return bucket;
    }

    /** A shared check failed: every check goes local until the watcher reaches Redis again. */
    void failed(Throwable cause) {
        available = false;
        if (!reported) {
            reported = true;
            log.warn(
                    "Redis at {} is unreachable ({}); rate limits fall back to per-process budgets until it answers",
                    target,
                    cause.toString());
        }
    }

    void countFallback() {
        fallbacks.increment();
    }

    double fallbackCount() {
        return fallbacks.count();
    }

    boolean available() {
        return available;
    }

    private synchronized void watch() {
        try {
            StatefulRedisConnection<byte[], byte[]> current = connection;
            if (current == null) {
                current = client.connect(ByteArrayCodec.INSTANCE);
                connection = current;
                manager = Bucket4jLettuce.casBasedBuilder(current)
                        .clientClock(clock)
                        .requestTimeout(TIMEOUT)
                        // A bucket untouched until it is full again is the same as no bucket: Redis forgets it.
                        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                Duration.ofSeconds(5)))
                        .build();
            }
            long now = System.nanoTime();
            if (!available || now - lastClockSync >= CLOCK_SYNC_INTERVAL.toNanos()) {
                clock.synchronize(current.sync());
                lastClockSync = now;
            }
            if (!available) {
                available = true;
                reported = false;
                log.info("Redis at {} answers; rate limits use the shared budgets", target);
            }
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
        available = false;
        StatefulRedisConnection<byte[], byte[]> current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown();
    }
}
