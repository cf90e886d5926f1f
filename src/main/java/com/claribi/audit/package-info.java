/** The security event log: every {@link com.claribi.platform.SecurityEvent} another module publishes, stored. */
@ApplicationModule(allowedDependencies = {"platform", "identity"})
@NullMarked
package com.claribi.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
