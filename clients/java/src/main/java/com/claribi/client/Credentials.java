package com.claribi.client;

import java.net.http.HttpRequest;

/** How a client proves who it is on each request: an API key, or a session's access token. */
interface Credentials {

    /** Adds the credential header; returns what it sent, so that a 401 can say which credential failed. */
    String apply(HttpRequest.Builder request);

    /**
     * The server refused {@code sent} with a 401: renew it if this kind of credential can (once), and tell whether the
     * request is worth sending again.
     */
    boolean recover(String sent);
}
