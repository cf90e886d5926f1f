package com.claribi.client;

import java.net.URI;
import java.time.Duration;

/**
 * Observes what a client does on its own: sign-ins, token refreshes, waits on {@code Retry-After}, and each response.
 * For logs and metrics; called on the thread that made the request, so it must be quick and thread-safe.
 */
public interface ClaribiListener {

    /** A session client signed in with its email and password (the first time, or again after its session ended). */
    default void signedIn() {}

    /** A session client renewed its access token with its refresh token. */
    default void refreshed() {}

    /** A request got {@code status} (429 or 503) and is sent again after {@code wait}. */
    default void retrying(int status, Duration wait) {}

    /** Any answer of the server, including those that are retried. */
    default void responded(String method, URI uri, int status) {}
}
