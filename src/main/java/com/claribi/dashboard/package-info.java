/** Dashboards: an organization's named collections of charts, at {@code /api/dashboards/}. */
@NullMarked
package com.claribi.dashboard;

import org.jspecify.annotations.NullMarked;
