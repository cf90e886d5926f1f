package com.claribi.platform.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background polling (revocations, signing keys) runs in the server, not in a command-line command. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@Profile("!cli")
class SchedulingConfiguration {}
