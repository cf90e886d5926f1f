package com.claribi.client.model;

import java.time.Instant;

/** One use of an API key (or, for refused uses, one minute of them: {@code count}). */
public record ApiKeyUse(
        Instant timestamp, String method, String path, int status, String ip, String userAgent, int count) {}
