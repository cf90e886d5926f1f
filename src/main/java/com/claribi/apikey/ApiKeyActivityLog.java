package com.claribi.apikey;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records each use of a key without slowing the request down: the request thread only queues it; a background task
 * writes the queue in batches every half second (so a use shows within 2 seconds), a clean shutdown writes what is
 * left, and uses older than the retention period are deleted.
 */
@Component
class ApiKeyActivityLog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyActivityLog.class);
    private static final int BATCH = 5_000;

    private final ApiKeyActivity activity;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Settings settings;
    private final BlockingQueue<ApiKeyUse> queue;
    private final List<ApiKeyUse> unwritten = new ArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running;

    ApiKeyActivityLog(ApiKeyActivity activity, TransactionTemplate transactions, Clock clock, Settings settings) {
        this.activity = activity;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queue());
    }

    /** How long uses are kept, and how many may wait in memory for the database. */
    @ConfigurationProperties("claribi.api-key-activity")
    record Settings(
            @DefaultValue("P90D") Duration retention,
            @DefaultValue("100000") int queue) {}

    void record(ApiKeyUse use) {
        if (!queue.offer(use) && dropped.incrementAndGet() % 1000 == 1) {
            log.warn("API key activity queue is full (database slow or down); {} uses not recorded", dropped.get());
        }
    }

    @Scheduled(fixedDelayString = "${claribi.api-key-activity.flush-interval:PT0.5S}")
    synchronized void flush() {
        do {
            if (unwritten.isEmpty()) {
                queue.drainTo(unwritten, BATCH);
            }
            if (unwritten.isEmpty()) {
                return;
            }
            try {
                transactions.executeWithoutResult(status -> activity.append(unwritten));
                unwritten.clear();
            } catch (RuntimeException e) {
                // Kept for the next flush: the database may be back by then.
                log.warn("Cannot write {} API key uses yet: {}", unwritten.size(), e.getMessage());
                return;
            }
        } while (!queue.isEmpty());
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
