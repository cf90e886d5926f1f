package com.claribi.apikey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records each use of a key without slowing the request down: the request thread only queues it; a background task
 * writes the queue in batches every half second (so a use shows within 2 seconds), a clean shutdown writes what is
 * left, and uses older than the retention period are deleted.
 *
 * <p>Hostile input and load cannot stop it. Values are bounded at the edge ({@link ApiKeyUse#of}); a row the database
 * still refuses (a constraint) is set aside on its own, logged once per kind and counted
 * ({@code claribi.api.key.activity.set.aside}), and the others are written. Refused (429) uses never enter the queue:
 * they are folded into one row per key and minute whose count grows. No key may hold more than {@code queue-per-key}
 * places of the queue, so a busy key cannot push other keys' uses out; every use not recorded is counted
 * ({@code claribi.api.key.activity.dropped}); the queue's length is the gauge {@code claribi.api.key.activity.queue}.
 */
@Component
class ApiKeyActivityLog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyActivityLog.class);
    private static final int BATCH = 5_000;
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);
    /** Keys with refused uses waiting to be written, at most (each is one row a minute, whatever the number of uses). */
    private static final int REFUSED_MINUTES = 10_000;

    /** A key's refused uses in one minute: the first of them (as the row shows it), how many, and the latest. */
    private record Refused(ApiKeyUse first, int count, Instant last) {

        Refused plus(Refused other) {
            return new Refused(first, count + other.count, last.isAfter(other.last) ? last : other.last);
        }
    }

    private record Minute(long apiKeyId, Instant start) {}

    private final ApiKeyActivity activity;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Settings settings;
    private final BlockingQueue<ApiKeyUse> queue;
    /** How many places of the queue each key holds now. */
    private final ConcurrentHashMap<Long, Integer> queuedPerKey = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<Minute, Refused> refused = new ConcurrentHashMap<>();
    /** The row each recent minute's refused uses were written to, so that later ones add to its count. */
    private final Cache<Minute, Long> refusedRows = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(2))
            .build();

    private final List<ApiKeyUse> unwritten = new ArrayList<>();
    private final List<Map.Entry<Minute, Refused>> unwrittenRefused = new ArrayList<>();
    private final Counter dropped;
    private final Counter setAside;
    private final Set<String> setAsideKinds = ConcurrentHashMap.newKeySet();
    private volatile Instant lastDropWarning = Instant.EPOCH;
    private Instant lastWriteWarning = Instant.EPOCH;
    private volatile boolean running;

    @Autowired
    ApiKeyActivityLog(
            ApiKeyActivity activity,
            TransactionTemplate transactions,
            Clock clock,
            ApiKeyProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        this(activity, transactions, clock, properties.activity(), meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    ApiKeyActivityLog(
            ApiKeyActivity activity,
            TransactionTemplate transactions,
            Clock clock,
            Settings settings,
            MeterRegistry registry) {
        if (settings.queue() < 1 || settings.queuePerKey() < 1) {
            throw new IllegalArgumentException("claribi.apikey.activity.queue and queue-per-key must be positive");
        }
        this.activity = activity;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queue());
        this.dropped = Counter.builder("claribi.api.key.activity.dropped")
                .description("Uses of API keys not recorded: the queue, or the key's share of it, was full")
                .register(registry);
        this.setAside = Counter.builder("claribi.api.key.activity.set.aside")
                .description("Uses of API keys the database refused to store, set aside so the others are written")
                .register(registry);
        Gauge.builder("claribi.api.key.activity.queue", queue, BlockingQueue::size)
                .description("Uses of API keys waiting in memory to be written (at most claribi.apikey.activity.queue)")
                .register(registry);
    }

    /**
     * How long uses are kept, how many may wait in memory for the database, and how many of those one key may hold:
     * {@code claribi.apikey.activity.*}, documented as {@code CLARIBI_API_KEY_ACTIVITY_*}.
     */
    record Settings(
            @DefaultValue("P90D") Duration retention,
            @DefaultValue("100000") int queue,
            @DefaultValue("10000") int queuePerKey) {}

    void record(ApiKeyUse use) {
        if (use.status() == 429) {
            fold(use);
            return;
        }
        long key = use.apiKeyId();
        boolean[] placed = {false};
        queuedPerKey.compute(key, (k, held) -> {
            int now = held == null ? 0 : held;
            if (now >= settings.queuePerKey()) {
                return held;
            }
            placed[0] = true;
            return now + 1;
        });
        if (!placed[0]) {
            drop("this key's share of the queue is full");
        } else if (!queue.offer(use)) {
            release(key);
            drop("the queue is full");
        }
    }

    private void fold(ApiKeyUse use) {
        Minute minute = new Minute(use.apiKeyId(), use.timestamp().truncatedTo(ChronoUnit.MINUTES));
        if (!refused.containsKey(minute) && refused.size() >= REFUSED_MINUTES) {
            drop("too many keys with refused uses are waiting");
            return;
        }
        refused.merge(minute, new Refused(use.at(minute.start()), 1, use.timestamp()), Refused::plus);
    }

    private void release(long key) {
        queuedPerKey.computeIfPresent(key, (k, held) -> held <= 1 ? null : held - 1);
    }

    private void drop(String why) {
        dropped.increment();
        Instant now = clock.instant();
        if (now.isAfter(lastDropWarning.plus(WARN_EVERY))) {
            lastDropWarning = now;
            log.warn("API key uses not recorded: {} (database slow or down?); {} dropped since start", why, (long)
                    dropped.count());
        }
    }

    @Scheduled(fixedDelayString = "${claribi.apikey.activity.flush-interval:PT0.5S}")
    synchronized void flush() {
        flushRefused();
        do {
            if (unwritten.isEmpty()) {
                List<ApiKeyUse> drained = new ArrayList<>();
                queue.drainTo(drained, BATCH);
                drained.forEach(use -> release(use.apiKeyId()));
                unwritten.addAll(drained);
            }
            if (unwritten.isEmpty() || !write(unwritten, activity::append)) {
                return;
            }
        } while (!queue.isEmpty());
    }

    private void flushRefused() {
        if (unwrittenRefused.isEmpty()) {
            for (Minute minute : refused.keySet()) {
                Refused uses = refused.remove(minute);
                if (uses != null) {
                    unwrittenRefused.add(Map.entry(minute, uses));
                }
            }
        }
        if (!unwrittenRefused.isEmpty()) {
            write(
                    unwrittenRefused,
                    entries -> entries.forEach(entry -> {
                        Refused uses = entry.getValue();
                        long row = activity.fold(
                                uses.first().times(uses.count()),
                                refusedRows.getIfPresent(entry.getKey()),
                                uses.last());
                        refusedRows.put(entry.getKey(), row);
                    }));
        }
    }

    /**
     * Writes {@code rows} in one transaction and empties the list; if that fails, writes them one by one, setting
     * aside each row the database refuses. Returns false, keeping what is left for the next flush, when the database
     * cannot be written at all (down, or slow).
     */
    private <T> boolean write(List<T> rows, Consumer<List<T>> writer) {
        try {
            transactions.executeWithoutResult(status -> writer.accept(rows));
            rows.clear();
            return true;
        } catch (RuntimeException batchFailed) {
            Iterator<T> each = rows.iterator();
            while (each.hasNext()) {
                T row = each.next();
                try {
                    transactions.executeWithoutResult(status -> writer.accept(List.of(row)));
                } catch (DataIntegrityViolationException refusedRow) {
                    setAside(refusedRow);
                } catch (RuntimeException e) {
                    // Not this row: the database itself. Kept for the next flush: it may be back by then.
                    Instant now = clock.instant();
                    if (now.isAfter(lastWriteWarning.plus(WARN_EVERY))) {
                        lastWriteWarning = now;
                        log.warn("Cannot write {} API key uses yet: {}", rows.size(), e.getMessage());
                    }
                    return false;
                }
                each.remove();
            }
            return true;
        }
    }

    private void setAside(DataIntegrityViolationException refusal) {
        setAside.increment();
        String kind = refusal.getMostSpecificCause() instanceof SQLException sql
                ? "SQLState " + sql.getSQLState()
                : refusal.getMostSpecificCause().getClass().getSimpleName();
        if (setAsideKinds.size() < 100 && setAsideKinds.add(kind)) {
            // Once per kind, and without the values: they came from a client.
            log.warn(
                    "The database refused an API key use ({}); it is set aside and the others are written. Further"
                            + " refusals of this kind are only counted (claribi.api.key.activity.set.aside).",
                    kind);
        }
    }

    /** Uses not recorded since start, because the queue or a key's share of it was full. */
    long dropped() {
        return (long) dropped.count();
    }

    /** Uses the database refused, set aside since start. */
    long setAside() {
        return (long) setAside.count();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void deleteExpired() {
        try {
            int deleted = activity.deleteOlderThan(clock.instant().minus(settings.retention()));
            if (deleted > 0) {
                log.info("Deleted {} API key uses older than {}", deleted, settings.retention());
            }
        } catch (RuntimeException e) {
            log.warn("Cannot delete old API key uses: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** A clean shutdown writes every queued use before the database connection closes. */
    @Override
    public void stop() {
        flush();
        running = false;
    }

    /** Stops after the web server (no more uses arrive) and before the database connections close. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
