package com.claribi.apikey;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One authenticated request made with a key, as its activity log shows it. */
record ApiKeyUse(
        long apiKeyId,
        Instant timestamp,
        String method,
        String path,
        int status,
        String ip,
        @Nullable String userAgent) {}
