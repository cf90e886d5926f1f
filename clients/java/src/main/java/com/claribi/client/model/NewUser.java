package com.claribi.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A user an administrator creates; a null role is the server's default, viewer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewUser(String email, String password, Role role, String firstName, String lastName) {

    /** Prints the password as {@code ***}. */
    @Override
    public String toString() {
        return "NewUser[email=" + email + ", password=" + Redacted.of(password) + ", role=" + role + ", firstName="
                + firstName + ", lastName=" + lastName + "]";
    }
}
