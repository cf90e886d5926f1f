/** What every module shares: the error format, pagination, HTTPS policy, the database and the master key. */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package com.claribi.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
