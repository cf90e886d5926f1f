package com.claribi.audit;

import com.claribi.platform.SecurityEvent;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Stores each security event in the transaction that published it, so an event and its cause commit together. */
@Component
class AuditLog {

    private final AuditEvents events;
    private final Clock clock;

    AuditLog(AuditEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void on(SecurityEvent event) {
        events.append(event, clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }
}
