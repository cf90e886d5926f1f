/** API keys: format and checksum, hashing, scopes, expiry, rotation, revocation, and the activity log of each key. */
@ApplicationModule(allowedDependencies = {"platform", "identity"})
@NullMarked
package com.claribi.apikey;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
