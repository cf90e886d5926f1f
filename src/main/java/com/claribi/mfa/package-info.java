/** Multi-factor authentication: TOTP enrolment and verification (RFC 6238), single-use recovery codes. */
@ApplicationModule(allowedDependencies = {"platform", "identity", "ratelimit"})
@NullMarked
package com.claribi.mfa;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
