package com.claribi.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * The server with TLS off behind a TLS-terminating proxy on the loopback address, which it trusts; an hour's window
 * and 20 bad credentials per address, so that a test can spend that budget from addresses the proxy forwards. One
 * configuration for every such test class, so that they share one server (Spring's context cache).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(
        properties = {
            "claribi.tls=off",
            "claribi.trusted-proxies=127.0.0.1/32, ::1/128",
            "claribi.rate-limit.window=PT1H",
            "claribi.rate-limit.bad-credentials-per-minute=20"
        })
public @interface BehindTrustedProxy {}
