/** Signed JWT access and refresh tokens, sessions, refresh, logout and revocation, signing keys and the JWK Set. */
@ApplicationModule(allowedDependencies = {"platform", "identity", "ratelimit", "mfa"})
@NullMarked
package com.claribi.token;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
