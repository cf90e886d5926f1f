/** The security event log: every {@link com.claribi.platform.SecurityEvent} another module publishes, stored. */
@NullMarked
package com.claribi.audit;

import org.jspecify.annotations.NullMarked;
