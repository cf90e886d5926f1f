package com.claribi.identity;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Users and organizations as the other modules read them, straight from the database (for the cached read of the
 * caller, see {@link Members}); a password is checked by {@link Passwords}, so no hash leaves this module.
 */
@Component
public class Directory {

    private final Users users;
    private final Organizations organizations;

    Directory(Users users, Organizations organizations) {
        this.users = users;
        this.organizations = organizations;
    }

    public Optional<User> user(long id) {
        return users.findById(id);
    }

    public Optional<User> userByEmail(String email) {
        return users.findByEmail(email);
    }

    /** A user of this organization; another organization's user is as absent as one that never existed. */
    public Optional<User> userInOrganization(long organizationId, long id) {
        return users.findInOrganization(organizationId, id);
    }

    public long countUsers(long organizationId) {
        return users.countInOrganization(organizationId);
    }

    /** A page of an organization's users, by id. */
    public List<User> users(long organizationId, long offset, int limit) {
        return users.pageInOrganization(organizationId, offset, limit);
    }

    public Optional<Organization> organization(long id) {
        return organizations.findById(id);
    }

    public Optional<Organization> organizationByName(String name) {
        return organizations.findByName(name);
    }
}
