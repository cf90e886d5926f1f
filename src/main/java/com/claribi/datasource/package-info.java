/** Data sources: connection settings whose secret values are encrypted under the master key and never returned. */
@NullMarked
package com.claribi.datasource;

import org.jspecify.annotations.NullMarked;
