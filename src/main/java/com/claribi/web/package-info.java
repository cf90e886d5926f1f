/** The browser interface: sign-in, the home page and Settings > Security, static pages over the public API. */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package com.claribi.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
