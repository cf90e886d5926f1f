/** The {@code bin/claribi} subcommands that administer the configured database. */
@ApplicationModule(allowedDependencies = {"platform", "identity", "token", "mfa"})
@NullMarked
package com.claribi.cli;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
