package com.claribi.identity;

import com.claribi.platform.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The users table; emails are unique ignoring case. Only this module sees a password hash ({@link Stored}). Service
 * accounts are rows of it too ({@link ServiceAccounts}); the queries of people (by email, with a password, the users of
 * an organization, its administrators) leave them out.
 */
@Repository
class Users {

    /** A user with the hash of their password, for the checks of a password. */
    record Stored(User user, String passwordHash) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final UsersOfOrganization<User> people;

    Users(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.people = new UsersOfOrganization<>(jdbc, false, Users::map);
    }

    static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    User insert(long organizationId, String email, String firstName, String lastName, Role role, String passwordHash) {
        Instant now = Timestamps.now(clock);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into users (organization_id, email, email_normalized, first_name, last_name, role,
                                   password_hash, active, created_at, password_changed_at)
                values (?, ?, ?, ?, ?, ?, ?, true, ?, ?)""")
                .params(
                        organizationId,
                        email.trim(),
                        normalize(email),
                        firstName,
                        lastName,
                        role.value(),
                        passwordHash,
                        Timestamps.toDatabase(now),
                        Timestamps.toDatabase(now))
                .update(keys, "id");
        return new User(
                keys.getKeyAs(Long.class),
                organizationId,
                email.trim(),
                firstName,
                lastName,
                role,
                true,
                now,
                now,
                false);
    }

    /** A user or a service account: the role checks of every request need both. */
    Optional<User> findById(long id) {
        return jdbc.sql("select * from users where id = ?")
                .param(id)
                .query(Users::map)
                .optional();
    }

    /** A person with their password hash; a service account has neither password nor email, so is never found. */
    Optional<Stored> findStoredById(long id) {
        return jdbc.sql("select * from users where id = ? and service_account = false")
                .param(id)
                .query(Users::stored)
                .optional();
    }

    Optional<User> findByEmail(String email) {
        return findStoredByEmail(email).map(Stored::user);
    }

    Optional<Stored> findStoredByEmail(String email) {
        return jdbc.sql("select * from users where email_normalized = ? and service_account = false")
                .param(normalize(email))
                .query(Users::stored)
                .optional();
    }

    boolean emailTaken(String email) {
        return jdbc.sql("select count(*) from users where email_normalized = ?")
                        .param(normalize(email))
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Replaces a hash with a stronger one of the same password, unless the password was changed meanwhile. */
    void replacePasswordHash(long userId, String expected, String stronger) {
        jdbc.sql("update users set password_hash = ? where id = ? and password_hash = ?")
                .params(stronger, userId, expected)
                .update();
    }

    void changePassword(long userId, String hash) {
        jdbc.sql("update users set password_hash = ?, password_changed_at = ? where id = ?")
                .params(hash, Timestamps.toDatabase(Timestamps.now(clock)), userId)
                .update();
    }

    void setActive(long userId, boolean active) {
        jdbc.sql("update users set active = ? where id = ?")
                .params(active, userId)
                .update();
    }

    /** A user of this organization; another organization's user is as absent as one that never existed. */
    Optional<User> findInOrganization(long organizationId, long id) {
        return people.find(organizationId, id);
    }

    long countInOrganization(long organizationId) {
        return people.count(organizationId);
    }

    List<User> pageInOrganization(long organizationId, long offset, int limit) {
        return people.page(organizationId, offset, limit);
    }

    long countActiveAdministrators(long organizationId) {
        return jdbc.sql("""
                select count(*) from users where organization_id = ? and role = ? and active = true
                  and service_account = false""")
                .params(organizationId, Role.ADMINISTRATOR.value())
                .query(Long.class)
                .single();
    }

    void update(long userId, Role role, String firstName, String lastName) {
        jdbc.sql("update users set role = ?, first_name = ?, last_name = ? where id = ?")
                .params(role.value(), firstName, lastName, userId)
                .update();
    }

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        return new Stored(map(rs, row), rs.getString("password_hash"));
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(
                rs.getLong("id"),
                rs.getLong("organization_id"),
                rs.getString("email"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                Role.parse(rs.getString("role")),
                rs.getBoolean("active"),
                Timestamps.require(rs, "created_at"),
                Timestamps.require(rs, "password_changed_at"),
                rs.getBoolean("service_account"));
    }
}
