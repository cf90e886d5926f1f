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
 * The service accounts: rows of the users table with {@code service_account} set, no email and no password hash, their
 * name in {@code first_name} (see the V11 migration).
 */
@Repository
class ServiceAccounts {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final UsersOfOrganization<ServiceAccount> accounts;

    ServiceAccounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.accounts = new UsersOfOrganization<>(jdbc, true, ServiceAccounts::map);
    }

    ServiceAccount insert(long organizationId, String name, Role role, long createdBy) {
        Instant now = Timestamps.now(clock);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into users (organization_id, email, first_name, last_name, role, active, created_at,
                                   password_changed_at, service_account, created_by)
                values (?, '', ?, '', ?, true, ?, ?, true, ?)""")
                .params(
                        organizationId,
                        name,
                        role.value(),
                        Timestamps.toDatabase(now),
                        Timestamps.toDatabase(now),
                        createdBy)
                .update(keys, "id");
        return new ServiceAccount(keys.getKeyAs(Long.class), organizationId, name, role, now, createdBy, true);
    }

    /** One of the organization's service accounts; another organization's is as absent as one that never existed. */
    Optional<ServiceAccount> findInOrganization(long organizationId, long id) {
        return accounts.find(organizationId, id);
    }

    long countInOrganization(long organizationId) {
        return accounts.count(organizationId);
    }

    List<ServiceAccount> pageInOrganization(long organizationId, long offset, int limit) {
        return accounts.page(organizationId, offset, limit);
    }

    /** Whether another active service account of the organization has this name, ignoring case. */
    boolean activeNameTaken(long organizationId, String name, long exceptId) {
        return jdbc.sql("""
                        select count(*) from users where organization_id = ? and service_account = true
                          and active = true and lower(first_name) = ? and id <> ?""")
                        .params(organizationId, name.toLowerCase(Locale.ROOT), exceptId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void update(long id, String name, Role role) {
        jdbc.sql("update users set first_name = ?, role = ? where id = ? and service_account = true")
                .params(name, role.value(), id)
                .update();
    }

    void deactivate(long id) {
        jdbc.sql("update users set active = false where id = ? and service_account = true")
                .param(id)
                .update();
    }

    private static ServiceAccount map(ResultSet rs, int row) throws SQLException {
        return new ServiceAccount(
                rs.getLong("id"),
                rs.getLong("organization_id"),
                rs.getString("first_name"),
                Role.parse(rs.getString("role")),
                Timestamps.require(rs, "created_at"),
                rs.getObject("created_by", Long.class),
                rs.getBoolean("active"));
    }
}
