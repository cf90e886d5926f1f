/** The clariBI API server: authentication, API keys and organization-scoped resources. */
@NullMarked
package com.claribi;

import org.jspecify.annotations.NullMarked;
