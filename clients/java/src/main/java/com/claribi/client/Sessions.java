package com.claribi.client;

import com.claribi.client.model.Session;
import java.util.stream.Stream;

/** The user's live sessions ({@code /api/auth/sessions/}; session clients only). */
public final class Sessions {

    private final ApiCalls calls;

    Sessions(ApiCalls calls) {
        this.calls = calls;
    }

    public Stream<Session> list() {
        return calls.stream("/api/auth/sessions/", Session.class);
    }

    /**
     * Ends a session: the caller's own is a logout, another needs sudo mode.
     *
     * @param id a session's {@link Session#id()}
     * @throws IllegalArgumentException when {@code id} is not one (letters, digits, {@code _} and {@code -}), without
     *     a request
     */
    public void end(String id) {
        calls.delete("/api/auth/sessions/" + ApiCalls.segment(id) + "/");
    }
}
