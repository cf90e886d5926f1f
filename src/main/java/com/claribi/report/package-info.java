/** Reports: an organization's reports, each optionally on one of its dashboards and sent on a schedule. */
@ApplicationModule(allowedDependencies = {"platform", "dashboard"})
@NullMarked
package com.claribi.report;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
