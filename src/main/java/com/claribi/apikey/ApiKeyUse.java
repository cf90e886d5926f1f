package com.claribi.apikey;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One authenticated request made with a key, as its activity log shows it; refused (429) uses of one key in one minute
 * are one such use whose {@code count} says how many they were, with the minute's start as the timestamp.
 */
record ApiKeyUse(
        long apiKeyId,
        Instant timestamp,
        String method,
        String path,
        int status,
        String ip,
        @Nullable String userAgent,
        int count) {

    /** The widths of the api_key_activity columns (V2__api_keys.sql): values are cut to them before queueing. */
    static final int METHOD = 10;

    static final int PATH = 2048;
    static final int IP = 64;
    static final int USER_AGENT = 512;

    /** A single use, its values bounded to the columns and stripped of control characters. */
    static ApiKeyUse of(
            long apiKeyId,
            Instant timestamp,
            String method,
            String path,
            int status,
            String ip,
            @Nullable String userAgent) {
        return new ApiKeyUse(
                apiKeyId,
                timestamp,
                bounded(method, METHOD),
                bounded(path, PATH),
                status,
                bounded(ip, IP),
                userAgent == null ? null : bounded(userAgent, USER_AGENT),
                1);
    }

    /** {@code count} of these uses in one row. */
    ApiKeyUse times(int count) {
        return new ApiKeyUse(apiKeyId, timestamp, method, path, status, ip, userAgent, count);
    }

    ApiKeyUse at(Instant timestamp) {
        return new ApiKeyUse(apiKeyId, timestamp, method, path, status, ip, userAgent, count);
    }

    private static String bounded(String value, int width) {
        String cut = value.length() > width ? value.substring(0, width) : value;
        // PostgreSQL refuses NUL in text; no control character belongs in these values or in a log line.
        return cut.chars().anyMatch(Character::isISOControl) ? cut.replaceAll("\\p{Cntrl}", "?") : cut;
    }
}
