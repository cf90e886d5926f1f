/** Multi-factor authentication: TOTP enrolment and verification (RFC 6238), single-use recovery codes. */
@NullMarked
package com.claribi.mfa;

import org.jspecify.annotations.NullMarked;
