/**
 * Budgets on requests (Bucket4j token buckets, in-process or shared through Redis): per user and per API key on every
 * authenticated request, per client address on login and token refresh (with Redis, taken in leases), and the
 * failed-login throttle (with Redis, asked of it at every attempt).
 */
@ApplicationModule(allowedDependencies = "platform")
@NullMarked
package com.claribi.ratelimit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
