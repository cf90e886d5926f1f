package com.claribi.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.ConsumptionProbe;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** One key's lease, driven with explicit times and made-up answers from Redis: what each request is told to do. */
class LeaseUnitTests {

    private static final long MS = 1_000_000L;
    /** A budget of 1,000,000 an hour: 277.8 tokens refilled a second. */
    private static final long HOUR = 3_600_000 * MS;

    private final Lease lease = new Lease(0, 1_000_000, HOUR);

    @Test
    void firstRequestThenOneAtATimeFromRedis() {
        assertThat(lease.next(0, true)).isInstanceOf(Lease.OneAtATime.class);
    }

    @Test
    void requestThatBeganBeforeAnotherThreadMadeTheLeaseThenNotRefused() {
        // Eight threads on a new key: one reads the clock, another makes the lease a moment later, then the first asks.
        Lease madeLater = new Lease(100 * MS, 1_000_000, HOUR);
        assertThat(madeLater.next(99 * MS, true)).isInstanceOf(Lease.OneAtATime.class);
    }

    @Test
    void oneRecentRequestThenStillOneAtATime() {
        lease.answered(ConsumptionProbe.consumed(999, 0), 0);
        assertThat(lease.next(10 * MS, true)).isInstanceOf(Lease.OneAtATime.class);
    }

    @Test
    void recentDemandThenOneRequestFetchesALeaseAndTheOthersAwaitIt() {
        lease.answered(ConsumptionProbe.consumed(999, 0), 0);
        assertThat(lease.next(1 * MS, true)).isInstanceOf(Lease.OneAtATime.class);
        Lease.Step fetch = lease.next(2 * MS, true);
        assertThat(fetch).isInstanceOf(Lease.Fetch.class);
        assertThat(((Lease.Fetch) fetch).size())
                .as("the two requests of the last 250 ms")
                .isEqualTo(2);
        Lease.Step await = lease.next(3 * MS, true);
        assertThat(await).isInstanceOf(Lease.Await.class);
        assertThat(((Lease.Await) await).fetched()).isSameAs(((Lease.Fetch) fetch).fetched());

        lease.fetched((Lease.Fetch) fetch, ConsumptionProbe.consumed(997, 0), 4 * MS);
        assertThat(((Lease.Fetch) fetch).fetched()).isCompleted();
        Lease.Step spent = lease.next(4 * MS, false);
        assertThat(spent).isInstanceOf(Lease.Spent.class);
        assertThat(((Lease.Spent) spent).remaining())
                .as("what Redis has left plus what the lease holds")
                .isEqualTo(998);
    }

    @Test
    void leaseSpentLocallyThenNextOneFetchedAtAQuarterLeftWhileTheRestIsSpent() {
        withLease(100, 900, 0);
        long fetches = 0;
        for (int i = 1; i <= 100; i++) {
            Lease.Step step = lease.next(i * 1000L, true);
            assertThat(step).isInstanceOf(Lease.Spent.class);
            Lease.Spent spent = (Lease.Spent) step;
            assertThat(spent.remaining()).isEqualTo(900 + 100 - i);
            if (spent.fetch() != null) {
                fetches++;
                assertThat(100 - i).as("a quarter of the lease left").isEqualTo(25);
            }
        }
        assertThat(fetches).as("one fetch in flight at a time").isEqualTo(1);
        assertThat(lease.next(200_000, true))
                .as("spent, the fetch still in flight")
                .isInstanceOf(Lease.Await.class);
    }

    @Test
    void leaseNotSpentWithinItsLifetimeThenSetAsideOnceToBeGivenBackLessWhatCanHaveRefilled() {
        // 100 an hour: 0.03 tokens refill in the second the lease was held, so one token is kept back.
        Lease slow = new Lease(0, 100, HOUR);
        slow.fetched(leaseOf(10, 0), ConsumptionProbe.consumed(90, 0), 0);
        slow.next(1 * MS, true);
        assertThat(slow.takeUnspent()).isZero();
        Lease.Step afterLifetime = slow.next(1_001 * MS, true);
        assertThat(afterLifetime).isNotInstanceOf(Lease.Spent.class);
        assertThat(slow.takeUnspent()).isEqualTo(8);
        assertThat(slow.takeUnspent()).as("given back once").isZero();
    }

    @Test
    void leaseHeldWhileTheBucketCouldRefillAsMuchThenNothingGivenBack() {
        // 1,000,000 an hour: 278 tokens refill in a second, more than the 9 left: the bucket may be full again.
        withLease(10, 500_000, 0);
        lease.next(1 * MS, true);
        lease.next(1_001 * MS, true);
        assertThat(lease.takeUnspent()).isZero();
    }

    @Test
    void leaseRefusedBecauseFewerLeftThenTheFigureIsUpdatedAndTheNextSizedFromIt() {
        withDemand(200, 1_000_000);
        Lease.Fetch fetch = (Lease.Fetch) lease.next(100 * MS, true);
        assertThat(fetch.size()).as("the 200 requests of the last 250 ms").isEqualTo(200);
        lease.fetched(fetch, ConsumptionProbe.rejected(40, 1_000, 60_000 * MS), 101 * MS);
        Lease.Step next = lease.next(101 * MS, false);
        assertThat(next).isInstanceOf(Lease.Fetch.class);
        assertThat(((Lease.Fetch) next).size()).as("an eighth of the 40 left").isEqualTo(5);
        lease.fetched((Lease.Fetch) next, ConsumptionProbe.rejected(10, 1_000, 60_000 * MS), 102 * MS);
        assertThat(lease.next(102 * MS, false)).as("the last ten").isInstanceOf(Lease.OneAtATime.class);
    }

    @Test
    void refusedByRedisThenRefusedHereUntilTheNextTokenIsDue() {
        lease.answered(ConsumptionProbe.rejected(0, 600 * MS, 60_000 * MS), 0);
        Lease.Step refused = lease.next(100 * MS, true);
        assertThat(refused).isInstanceOf(Lease.Refused.class);
        assertThat(((Lease.Refused) refused).nanosToWait()).isEqualTo(500 * MS);
        assertThat(((Lease.Refused) refused).nanosToReset()).isEqualTo(59_900 * MS);
        assertThat(lease.next(600 * MS, true)).isInstanceOf(Lease.OneAtATime.class);
    }

    @Test
    void refusedByRedisForLongThenAskedAgainAfterALeaseLifetimeInCaseTokensWereGivenBack() {
        lease.answered(ConsumptionProbe.rejected(0, 36_000 * MS, 3_600_000 * MS), 0);
        Lease.Step refused = lease.next(500 * MS, true);
        assertThat(refused).isInstanceOf(Lease.Refused.class);
        assertThat(((Lease.Refused) refused).nanosToWait()).isEqualTo(35_500 * MS);
        assertThat(lease.next(1_000 * MS, true)).isInstanceOf(Lease.OneAtATime.class);
    }

    @Test
    void fetchFailedThenTheWaitingRequestsAskAgain() {
        withDemand(20, 1_000);
        Lease.Fetch fetch = (Lease.Fetch) lease.next(100 * MS, true);
        lease.notFetched(fetch);
        assertThat(fetch.fetched()).isCompleted();
        assertThat(lease.next(100 * MS, false)).isInstanceOf(Lease.Fetch.class);
    }

    /**
     * A fetch given up on while still in flight (as a waiter's timeout once did) must not let its late answer end the
     * next fetch: that wakes the next one's waiters early, lets a third fetch start while the second is in flight, and
     * dates the lease from the wrong fetch.
     */
    @Test
    void fetchGivenUpOnThenItsLateAnswerNeitherEndsTheNextFetchNorLetsAThirdStart() {
        withDemand(20, 1_000);
        Lease.Fetch first = (Lease.Fetch) lease.next(100 * MS, true);
        lease.notFetched(first);
        Lease.Fetch second = (Lease.Fetch) lease.next(101 * MS, false);
        assertThat(second.fetched()).isNotSameAs(first.fetched());

        lease.fetched(first, ConsumptionProbe.consumed(1_000 - first.size(), 0), 102 * MS);
        assertThat(first.fetched()).isCompleted();
        assertThat(second.fetched()).as("still in flight").isNotCompleted();
        for (long i = 0; i < first.size(); i++) {
            Lease.Step step = lease.next(103 * MS, true);
            assertThat(step).isInstanceOf(Lease.Spent.class);
            assertThat(((Lease.Spent) step).fetch())
                    .as("no second fetch in flight")
                    .isNull();
        }
        Lease.Step spent = lease.next(104 * MS, true);
        assertThat(spent).isInstanceOf(Lease.Await.class);
        assertThat(((Lease.Await) spent).fetched()).isSameAs(second.fetched());

        lease.fetched(second, ConsumptionProbe.consumed(1_000 - first.size() - second.size(), 0), 105 * MS);
        assertThat(second.fetched()).isCompleted();
        assertThat(lease.next(105 * MS, false)).isInstanceOf(Lease.Spent.class);
    }

    @Test
    void tokenGivenBackThenSpentAgain() {
        withLease(2, 100, 0);
        lease.next(1 * MS, true);
        lease.next(2 * MS, true);
        lease.giveBack();
        assertThat(lease.next(3 * MS, true)).isInstanceOf(Lease.Spent.class);
    }

    @Test
    void forgottenThenWhatItHeldIsSetAsideAndRequestsGoToRedis() {
        withDemand(20, 500_000);
        Lease.Fetch fetch = (Lease.Fetch) lease.next(100 * MS, true);
        lease.fetched(fetch, ConsumptionProbe.consumed(499_980, 0), 101 * MS);
        lease.next(102 * MS, true);
        lease.forget(102 * MS);
        assertThat(lease.takeUnspent()).as("19 held 2 ms, 0.6 tokens of refill").isEqualTo(18);
        assertThat(lease.next(103 * MS, true)).isInstanceOf(Lease.OneAtATime.class);
        assertThat(lease.takeUnspent()).as("set aside once").isZero();
    }

    @Test
    void forgottenWhileALeaseIsFetchedThenItsWaiterIsWokenAndItsTokensAreSetAsideNotSpent() {
        withDemand(20, 500_000);
        Lease.Fetch first = (Lease.Fetch) lease.next(100 * MS, true);
        lease.fetched(first, ConsumptionProbe.consumed(499_980, 0), 101 * MS);
        Lease.Fetch next = null;
        for (int i = 0; i < 20; i++) {
            Lease.Spent spent = (Lease.Spent) lease.next(102 * MS, true);
            if (spent.fetch() != null) {
                next = spent.fetch();
            }
        }
        assertThat(next).as("fetched at a quarter left").isNotNull();
        Lease.Step waiter = lease.next(102 * MS, true);
        assertThat(waiter).isInstanceOf(Lease.Await.class);
        assertThat(((Lease.Await) waiter).fetched()).isSameAs(next.fetched()).isNotCompleted();

        lease.forget(103 * MS);
        assertThat(lease.takeUnspent()).as("it held nothing").isZero();
        lease.fetched(next, ConsumptionProbe.consumed(499_980 - next.size(), 0), 104 * MS);
        assertThat(((Lease.Await) waiter).fetched()).as("the waiter is woken").isCompleted();
        assertThat(lease.takeUnspent())
                .as("the lease that arrived after: less 0.6 tokens of refill over the 2 ms since it was asked for")
                .isEqualTo(next.size() - 1);
        assertThat(lease.next(104 * MS, false))
                .as("its tokens are not spent here")
                .isInstanceOf(Lease.OneAtATime.class);
    }

    /** {@code requests} requests in the last 100 ms (the last one still to come), Redis having {@code remaining} left. */
    private void withDemand(int requests, long remaining) {
        lease.answered(ConsumptionProbe.consumed(remaining, 0), 0);
        for (int i = 0; i < requests - 1; i++) {
            Lease.Step step = lease.next(1 * MS, true);
            assertThat(step).isNotInstanceOf(Lease.Spent.class);
            if (step instanceof Lease.Fetch fetch) {
                lease.notFetched(fetch);
            }
        }
    }

    /** A lease of {@code size} fetched at {@code now}, Redis having {@code remaining} left after it. */
    private void withLease(long size, long remaining, long now) {
        lease.fetched(leaseOf(size, now), ConsumptionProbe.consumed(remaining, 0), now);
    }

    /** A lease of {@code size} asked for at {@code now}, other than the one in flight (there is none). */
    private static Lease.Fetch leaseOf(long size, long now) {
        return new Lease.Fetch(size, now, new CompletableFuture<>());
    }
}
