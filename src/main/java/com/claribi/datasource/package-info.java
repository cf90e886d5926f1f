/** Data sources: connection settings whose secret values are encrypted under the master key and never returned. */
@ApplicationModule(allowedDependencies = "platform")
@NullMarked
package com.claribi.datasource;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
