/** Dashboards: an organization's named collections of charts, at {@code /api/dashboards/}. */
@ApplicationModule(allowedDependencies = "platform")
@NullMarked
package com.claribi.dashboard;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
