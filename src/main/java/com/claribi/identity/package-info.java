/** Organizations, users and their roles, passwords (policy and Argon2id hashing), and the first administrator. */
@ApplicationModule(allowedDependencies = {"platform", "ratelimit"})
@NullMarked
package com.claribi.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
