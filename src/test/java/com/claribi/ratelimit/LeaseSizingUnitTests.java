package com.claribi.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The size of a lease: the recent demand, bounded by an eighth of what is left, a 32nd of the budget and a maximum; one
 * at a time below two.
 */
class LeaseSizingUnitTests {

    private static final long C = 1_000;

    @Test
    void sizeWhenPlentyLeftThenTheRecentDemand() {
        assertThat(LeaseSizing.size(100_000, 100_000, 300)).isEqualTo(300);
    }

    @Test
    void sizeWhenDemandHighThenAnEighthOfWhatIsLeft() {
        assertThat(LeaseSizing.size(1_000_000, 40_000, 50_000)).isEqualTo(5_000);
    }

    @Test
    void sizeWhenDemandHighThenAt32ndOfTheBudgetSoThatWhatOneProcessCanHoldStaysSmall() {
        assertThat(LeaseSizing.size(1_000, 1_000, 5_000)).isEqualTo(31);
        assertThat(LeaseSizing.size(100, 100, 5_000)).isEqualTo(3);
        assertThat(LeaseSizing.size(60, 60, 5_000)).as("under 2: one at a time").isEqualTo(1);
    }

    @Test
    void sizeWhenDemandAndBudgetHugeThenTheMaximum() {
        assertThat(LeaseSizing.size(1_000_000_000, 1_000_000_000, 1_000_000)).isEqualTo(LeaseSizing.MAX);
    }

    @Test
    void sizeWhenLittleLeftThenOneAtATime() {
        assertThat(LeaseSizing.size(C, 16, 1_000)).isEqualTo(2);
        assertThat(LeaseSizing.size(C, 15, 1_000)).as("the last fifteen tokens").isEqualTo(1);
        assertThat(LeaseSizing.size(C, 0, 1_000)).isEqualTo(1);
    }

    @Test
    void sizeWhenOneRecentRequestThenOneAtATime() {
        assertThat(LeaseSizing.size(C, C, 1)).isEqualTo(1);
        assertThat(LeaseSizing.size(C, C, 0)).isEqualTo(1);
        assertThat(LeaseSizing.size(C, C, 2)).isEqualTo(2);
    }

    @Test
    void sizeNeverMoreThanAnEighthOfWhatIsLeftSoProcessesDrawingTogetherLeaveTheLastTokensToOneAtATime() {
        // Eight processes each leasing in turn from what the previous ones left: the budget is never overdrawn, and
        // what remains when leases stop is taken one token at a time.
        long capacity = 1_000_000;
        long remaining = capacity;
        for (int round = 0; round < 1_000; round++) {
            for (int process = 0; process < 8; process++) {
                long size = LeaseSizing.size(capacity, remaining, 1_000_000);
                if (size > 1) {
                    assertThat(size).isLessThanOrEqualTo(remaining / LeaseSizing.SHARE);
                    remaining -= size;
                }
            }
        }
        assertThat(remaining).isBetween(0L, LeaseSizing.SHARE * LeaseSizing.MIN - 1);
    }
}
