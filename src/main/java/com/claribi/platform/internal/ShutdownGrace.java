package com.claribi.platform.internal;

import com.claribi.platform.PlatformProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The first step of a shutdown (SIGTERM): Spring Boot has just set readiness to refusing traffic, so the readiness
 * probe answers 503; for {@code CLARIBI_SHUTDOWN_GRACE} the server still accepts and serves new requests, time for a
 * proxy's health check to notice and send them elsewhere. Then Spring's lifecycle goes on: Tomcat stops accepting
 * connections and lets requests in flight finish ({@code server.shutdown=graceful}), the API key activity queue is
 * written, the database pool closes. Waiting here, before the lifecycle stops anything, keeps the background polls
 * (revocations, signing keys) running for as long as requests are served.
 */
@Component
@Profile("!cli")
final class ShutdownGrace implements ApplicationListener<ContextClosedEvent>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ShutdownGrace.class);

    private final ApplicationContext context;
    private final Duration grace;

    ShutdownGrace(ApplicationContext context, PlatformProperties properties) {
        this.context = context;
        this.grace = properties.shutdownGrace();
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        // Not the management server's own context, which closes later, when the requests are done.
        if (event.getApplicationContext() != context || grace.isZero()) {
            return;
        }
        log.info(
                "Shutting down: readiness answers 503; new requests are served for {} more, then in-flight ones finish",
                grace);
        try {
            Thread.sleep(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int getOrder() {
        // Before the schedulers and executors that stop at this event.
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
