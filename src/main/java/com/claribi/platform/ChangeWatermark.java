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
 * or after a watermark, all on the database's clock. The watermark stays {@code overlap} (the look-back window) behind
 * the newest change seen, so a transaction that committed late is still read; a change may therefore be handed over
 * more than once. One poll runs at a time: a poll that finds the previous one still running is skipped.
 *
 * <p>A change is missed only if it commits with a time more than the look-back window older than a change already
 * seen. So writers stamp a change with the database's clock at the moment of the change, never the transaction's
 * start: PostgreSQL's {@code clock_timestamp()} ({@code current_timestamp} and {@code now()} are the transaction's
 * start, which a transaction that waited on a lock leaves far behind; H2 gets a function of the same name in migration
 * V9). And they read it only once the rows they change are locked ({@code select ... for update}, then the update):
 * PostgreSQL computes an update's new values before it waits for a row lock that another transaction holds, so a
 * stamp inside the waiting statement would still predate the wait. What remains between the stamp and the commit is
 * the rest of one of our short transactions (an audit insert, another table's revocations), far inside the window.
 *
 * <p>Why not something else: a sequence is drawn before the commit too, so it has the same gap and needs the same
 * window; PostgreSQL's commit timestamps need {@code track_commit_timestamp}, a server setting that is off by default;
 * transaction ids with the snapshot's {@code xmin} would be exact on PostgreSQL but have no H2 equivalent, and the
 * same SQL runs on both.
 */
public final class ChangeWatermark<T> {

    private final Duration overlap;
    private final Function<Instant, List<T>> changedSince;
    private final Function<T, Instant> changedAt;
    private final ReentrantLock polling = new ReentrantLock();
    private volatile @Nullable Instant watermark;
    private volatile @Nullable Instant newestChange;

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
                Instant latest = newestChange;
                if (latest == null || at.isAfter(latest)) {
                    newestChange = at;
                }
            }
            watermark = newest.minus(overlap);
            return true;
        } finally {
            polling.unlock();
        }
    }

    /** When the newest change any poll has handed over happened (the database's clock), or null before the first. */
    public @Nullable Instant newestChange() {
        return newestChange;
    }

    /** Whether a poll has succeeded yet. */
    public boolean started() {
        return watermark != null;
    }
}
