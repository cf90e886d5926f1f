package com.claribi.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The size of a lease: the recent demand, bounded by an eighth of what is left and by a maximum; one at a time below two. */
class LeaseSizingUnitTests {

    @Test
    void sizeWhenPlentyLeftThenTheRecentDemand() {
        assertThat(LeaseSizing.size(1_000_000, 300)).isEqualTo(300);
    }

    @Test
    void sizeWhenDemandHighThenAnEighthOfWhatIsLeft() {
        assertThat(LeaseSizing.size(800, 5_000)).isEqualTo(100);
    }

    @Test
    void sizeWhenDemandAndBudgetHugeThenTheMaximum() {
        assertThat(LeaseSizing.size(1_000_000_000, 1_000_000)).isEqualTo(LeaseSizing.MAX);
    }

    @Test
    void sizeWhenLittleLeftThenOneAtATime() {
        assertThat(LeaseSizing.size(16, 1_000)).isEqualTo(2);
        assertThat(LeaseSizing.size(15, 1_000)).as("the last fifteen tokens").isEqualTo(1);
        assertThat(LeaseSizing.size(0, 1_000)).isEqualTo(1);
    }

    @Test
    void sizeWhenOneRecentRequestThenOneAtATime() {
        assertThat(LeaseSizing.size(1_000_000, 1)).isEqualTo(1);
        assertThat(LeaseSizing.size(1_000_000, 0)).isEqualTo(1);
        assertThat(LeaseSizing.size(1_000_000, 2)).isEqualTo(2);
    }

    @Test
    void sizeNeverMoreThanAnEighthOfWhatIsLeftSoProcessesDrawingTogetherLeaveTheLastTokensToOneAtATime() {
        // Eight processes each leasing in turn from what the previous ones left: the budget is never overdrawn, and
        // what remains when leases stop is taken one token at a time.
        long remaining = 1_000;
        for (int round = 0; round < 100; round++) {
            for (int process = 0; process < 8; process++) {
                long size = LeaseSizing.size(remaining, 1_000);
                if (size > 1) {
                    assertThat(size).isLessThanOrEqualTo(remaining / LeaseSizing.SHARE);
                    remaining -= size;
                }
            }
        }
        assertThat(remaining).isBetween(0L, LeaseSizing.SHARE * LeaseSizing.MIN - 1);
    }
}
