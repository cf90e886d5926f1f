/** Budgets on requests: the failed-login throttle per account and per client address (Bucket4j token buckets). */
@NullMarked
package com.claribi.ratelimit;

import org.jspecify.annotations.NullMarked;
