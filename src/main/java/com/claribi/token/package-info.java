/** Signed JWT access and refresh tokens, sessions, refresh, logout and revocation, signing keys and the JWK Set. */
@NullMarked
package com.claribi.token;

import org.jspecify.annotations.NullMarked;
