package com.claribi.identity;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One kind of row of the users table, people or service accounts, in one organization: found by id, counted and paged
 * by id. Another organization's row, or one of the other kind, is as absent as one that never existed.
 */
final class UsersOfOrganization<T> {

    private final JdbcClient jdbc;
    private final RowMapper<T> mapper;
    /** A constant condition, never a value a client sent. */
    private final String kind;

    UsersOfOrganization(JdbcClient jdbc, boolean serviceAccounts, RowMapper<T> mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.kind = "service_account = " + serviceAccounts;
    }

    Optional<T> find(long organizationId, long id) {
        return jdbc.sql("select * from users where organization_id = ? and id = ? and " + kind)
                .params(organizationId, id)
                .query(mapper)
                .optional();
    }

    long count(long organizationId) {
        return jdbc.sql("select count(*) from users where organization_id = ? and " + kind)
                .param(organizationId)
                .query(Long.class)
                .single();
    }

    List<T> page(long organizationId, long offset, int limit) {
        return jdbc.sql("select * from users where organization_id = ? and " + kind + " order by id limit ? offset ?")
                .params(organizationId, limit, offset)
                .query(mapper)
                .list();
    }
}
