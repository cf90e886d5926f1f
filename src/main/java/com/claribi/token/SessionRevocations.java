package com.claribi.token;

import com.claribi.platform.ChangeWatermark;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The ids of sessions revoked recently enough that their access tokens may still be unexpired, held in memory so that
 * checking an access token needs no database query. Revocations made in this process go through here ({@link #revoke},
 * {@link #revokeAll}) and are added at once; those made by other processes are picked up by polling the sessions table
 * several times a second, well within the one second the contract allows.
 */
@Component
class SessionRevocations {

    private static final Logger log = LoggerFactory.getLogger(SessionRevocations.class);
    /** Kept a while past their tokens' expiry, so that a process whose clock runs ahead forgets nothing early. */
    private static final Duration MARGIN = Duration.ofMinutes(5);

    private final Sessions sessions;
    private final Duration accessTokenTtl;
    /** Re-reads a window behind the newest revocation seen, for transactions that committed late. */
    private final Duration lookBack;

    private final ConcurrentHashMap<String, Instant> revoked = new ConcurrentHashMap<>();
    private final ChangeWatermark<Sessions.Revocation> changes;
    private final Clock clock;
    private volatile boolean healthy = true;

    @Autowired
    SessionRevocations(
            Sessions sessions, TokenProperties properties, Clock clock, ObjectProvider<MeterRegistry> meters) {
        this(sessions, properties, clock, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    SessionRevocations(Sessions sessions, TokenProperties properties, Clock clock) {
        this(sessions, properties, clock, new SimpleMeterRegistry());
    }

    private SessionRevocations(Sessions sessions, TokenProperties properties, Clock clock, MeterRegistry meters) {
        this.sessions = sessions;
        this.clock = clock;
        this.accessTokenTtl = properties.accessTokenTtl();
        this.lookBack = properties.revocationsLookBack();
        this.changes = new ChangeWatermark<>(this.lookBack, sessions::revokedSince, Sessions.Revocation::revokedAt);
        // Grows steadily between revocations; a process whose polls fail sees it grow past what the others show.
        Gauge.builder("claribi.session.revocations.newest.age", this, SessionRevocations::newestAgeSeconds)
                .description("Seconds since the newest session revocation this process has read from the database "
                        + "(NaN before the first)")
                .baseUnit("seconds")
                .register(meters);
        // Fail closed: no request is served before the revocations of the last hour are known.
        poll();
        if (!changes.started()) {
            throw new IllegalStateException("Cannot read session revocations from the database");
        }
    }

    private double newestAgeSeconds() {
        Instant newest = changes.newestChange();
        return newest == null
                ? Double.NaN
                : Math.max(0, Duration.between(newest, clock.instant()).toMillis() / 1000.0);
    }

    boolean isRevoked(String sessionId) {
        return revoked.containsKey(sessionId);
    }

    /**
     * Ends the session in the database, if it is live, and refuses its access tokens here at once (even when it had
     * already ended); false when it was not live.
     */
    boolean revoke(String sessionId, String reason) {
        revokedHere(sessionId);
        return sessions.revoke(sessionId, reason);
    }

    /** Ends every live session of the user but {@code keep}, in the database and here; returns the ids that ended. */
    List<String> revokeAll(long userId, @Nullable String keep, String reason) {
        List<String> ended = sessions.revokeAll(userId, keep, reason);
        ended.forEach(this::revokedHere);
        return ended;
    }

    /** Records a revocation made by this process, before any poll sees it. */
    void revokedHere(String sessionId) {
        revoked.put(sessionId, clock.instant().plus(accessTokenTtl));
    }

    // Fixed rate, each run on its own thread: a slow task elsewhere cannot delay revocations past the second.
    @Scheduled(fixedRateString = "${claribi.revocations.poll-interval:PT0.25S}")
    void poll() {
        try {
            if (!changes.poll(
                    () -> sessions.databaseNow().minus(accessTokenTtl).minus(lookBack),
                    revocation -> revoked.putIfAbsent(
                            revocation.sessionId(), revocation.revokedAt().plus(accessTokenTtl)))) {
                return;
            }
            Instant now = clock.instant();
            revoked.values().removeIf(forgetAfter -> forgetAfter.plus(MARGIN).isBefore(now));
            if (!healthy) {
                log.info("Polling session revocations works again");
                healthy = true;
            }
        } catch (RuntimeException e) {
            if (healthy) {
                log.warn("Cannot poll session revocations: {}", e.getMessage());
                healthy = false;
            }
        }
    }
}
