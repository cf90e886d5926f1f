package com.claribi.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Follows the rows other server processes change (revoked sessions, changed API keys) by polling for change times at
 * or after a watermark, all on the database's clock. The watermark stays {@code overlap} behind the newest change
 * seen, so a transaction that committed late is still read; a change may therefore be handed over more than once.
 * One poll runs at a time: a poll that finds the previous one still running is skipped.
 */
public final class ChangeWatermark<T> {

    private final Duration overlap;
    private final Function<Instant, List<T>> changedSince;
    private final Function<T, Instant> changedAt;
    private final ReentrantLock polling = new ReentrantLock();
    private volatile @Nullable Instant watermark;

    /**
     * @param overlap how far behind the newest change each poll starts again
     * @param changedSince the changes at or after a time of the database's clock
     * @param changedAt when a change happened, on the database's clock
     */
    public ChangeWatermark(Duration overlap, Function<Instant, List<T>> changedSince, Function<T, Instant> changedAt) {
        this.overlap = overlap;
        this.changedSince = changedSince;
        this.changedAt = changedAt;
    }

    /**
     * Hands every change since the last poll to {@code apply}; the first poll starts at {@code firstSince}.
     *
     * @return whether the poll ran (false when another poll was running); a database error propagates
     */
    public boolean poll(Supplier<Instant> firstSince, Consumer<T> apply) {
        if (!polling.tryLock()) {
            return false;
        }
        try {
            Instant since = watermark == null ? firstSince.get() : watermark;
            Instant newest = since.plus(overlap);
            for (T change : changedSince.apply(since)) {
                apply.accept(change);
                Instant at = changedAt.apply(change);
                if (at.isAfter(newest)) {
                    newest = at;
                }
            }
            watermark = newest.minus(overlap);
            return true;
        } finally {
            polling.unlock();
        }
    }

    /** Whether a poll has succeeded yet. */
    public boolean started() {
        return watermark != null;
    }
}
