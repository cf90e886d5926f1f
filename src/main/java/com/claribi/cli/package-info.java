/** The {@code bin/claribi} subcommands that administer the configured database. */
@NullMarked
package com.claribi.cli;

import org.jspecify.annotations.NullMarked;
