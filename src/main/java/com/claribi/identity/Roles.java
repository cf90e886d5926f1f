package com.claribi.identity;

import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.SudoMode;
import java.util.Arrays;
import org.springframework.stereotype.Component;

/**
 * Checks the caller's current role, read through {@link Members}: a role changed in this process applies at the
 * user's next request, one changed by another process within a second. An administrator's writes also need sudo mode.
 */
@Component
public class Roles {

    private final Members members;
    private final SudoMode sudo;

    Roles(Members members, SudoMode sudo) {
        this.members = members;
        this.sudo = sudo;
    }

    /** The administrator making a change: the role first (403 {@code permission_denied}), then sudo mode. */
    public User administratorInSudoMode(ApiPrincipal principal) {
        User admin = require(principal, Role.ADMINISTRATOR);
        sudo.require(principal);
        return admin;
    }

    public User require(ApiPrincipal principal, Role... allowed) {
        User user = members.of(principal.userId())
                .map(Members.Member::user)
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
