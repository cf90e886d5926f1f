package com.claribi.identity;

import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Creates organizations and users: checks the new user's details and password, hashes the password before the
 * transaction that stores them ({@link Membership}), so no connection waits on the hashing.
 */
@Service
public class Enrollment {

    private static final int MAX_EMAIL = 320;
    private static final int MAX_NAME = 150;

    private final Users users;
    private final PasswordPolicy policy;
    private final PasswordHashing hashing;
    private final Membership membership;

    Enrollment(Users users, PasswordPolicy policy, PasswordHashing hashing, Membership membership) {
        this.users = users;
        this.policy = policy;
        this.hashing = hashing;
        this.membership = membership;
    }

    /** A new user's details, checked before anything is stored. */
    public record NewUser(String email, String password, Role role, String firstName, String lastName) {}

    /** Creates an organization with its first administrator (command line and first start). */
    public User createOrganization(String name, String plan, int aiCredits, NewUser admin, ClientInfo client) {
        if (name.isBlank() || name.length() > 200) {
            throw ApiException.validation("name", "The organization name must have 1 to 200 characters.");
        }
        validate(admin);
        return membership.foundOrganization(name, plan, aiCredits, admin, hashing.hashNow(admin.password()), client);
    }

    public User createUser(long organizationId, NewUser user, ClientInfo client) {
        membership.requireOrganization(organizationId);
        validate(user);
        return membership.add(organizationId, user, hashing.hashNow(user.password()), client);
    }

    private void validate(NewUser user) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String email = user.email().trim();
        if (!email.matches("[^@\\s]+@[^@\\s]+") || email.length() > MAX_EMAIL) {
            fields.put("email", List.of("Enter a valid email address."));
        } else if (users.emailTaken(email)) {
            fields.put("email", List.of("A user with this email already exists."));
        }
        if (user.firstName().length() > MAX_NAME) {
            fields.put("first_name", List.of("At most " + MAX_NAME + " characters."));
        }
        if (user.lastName().length() > MAX_NAME) {
            fields.put("last_name", List.of("At most " + MAX_NAME + " characters."));
        }
        List<String> problems = policy.problems(user.password(), email);
        if (!problems.isEmpty()) {
            fields.put("password", problems);
        }
        if (!fields.isEmpty()) {
            throw ApiException.validation(fields);
        }
    }
}
