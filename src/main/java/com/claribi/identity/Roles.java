package com.claribi.identity;

import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import java.util.Arrays;
import org.springframework.stereotype.Component;

/** Checks the caller's current role (read from the database, so a changed role applies at once). */
@Component
public class Roles {

    private final Users users;

    Roles(Users users) {
        this.users = users;
    }

    public User require(ApiPrincipal principal, Role... allowed) {
        User user = users.findById(principal.userId())
                .filter(User::active)
                .orElseThrow(() -> ApiException.invalidToken("The user of this credential is deactivated."));
        if (Arrays.stream(allowed).noneMatch(role -> role == user.role())) {
            throw ApiException.permissionDenied("This needs the role "
                    + Arrays.stream(allowed)
                            .map(Role::value)
                            .reduce((a, b) -> a + " or " + b)
                            .orElse("") + "; you are " + user.role().value() + ".");
        }
        return user;
    }
}
