/** What every module shares: the error format, pagination, HTTPS policy, the database and the master key. */
@NullMarked
package com.claribi.platform;

import org.jspecify.annotations.NullMarked;
