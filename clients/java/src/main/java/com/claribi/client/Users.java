package com.claribi.client;

import com.claribi.client.model.NewUser;
import com.claribi.client.model.PasswordResetLink;
import com.claribi.client.model.User;
import com.claribi.client.model.UserChange;
import java.util.stream.Stream;

/** The organization's users ({@code /api/users/}; administrators, writes from a session in sudo mode). */
public final class Users {

    private final ApiCalls calls;

    Users(ApiCalls calls) {
        this.calls = calls;
    }

    public Stream<User> list() {
        return calls.stream("/api/users/", User.class);
    }

    public User get(long id) {
        return calls.get("/api/users/" + id + "/", User.class);
    }

    public User create(NewUser user) {
        return calls.post("/api/users/", user, User.class);
    }

    public User update(long id, UserChange change) {
        return calls.patch("/api/users/" + id + "/", change, User.class);
    }

    /** Deactivates the user: their sessions end and their keys are revoked. */
    public void deactivate(long id) {
        calls.delete("/api/users/" + id + "/");
    }

    /** A single-use password-reset link for the user, to hand over when there is no email. */
    public PasswordResetLink passwordResetLink(long id) {
        return calls.post("/api/users/" + id + "/password-reset/", null, PasswordResetLink.class);
    }
}
