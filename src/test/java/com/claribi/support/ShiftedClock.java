package com.claribi.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The system clock moved forward by what a test adds: a server whose {@link Clock} this is sees time pass without the
 * test sleeping through it (a re-authentication window, for one). Import {@link Configuration} to make it the server's
 * clock; every bean that takes the injected {@code Clock} then reads it.
 */
public final class ShiftedClock extends Clock {

    /** The clock of the servers that import {@link Configuration}. */
    public static final ShiftedClock SERVER = new ShiftedClock();

    private volatile Duration shift = Duration.ZERO;

    private ShiftedClock() {}

    /** Moves this clock {@code duration} further ahead of the system clock. */
    public synchronized void advance(Duration duration) {
        shift = shift.plus(duration);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(shift);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** Makes {@link #SERVER} the server's clock, in place of the system clock. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        @Primary
        Clock shiftedClock() {
            return SERVER;
        }
    }
}
