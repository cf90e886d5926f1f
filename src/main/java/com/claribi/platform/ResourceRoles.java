package com.claribi.platform;

/**
 * Who may read and who may write an organization's resources: every member reads, administrators and editors write.
 * Each answers with the caller's organization, the only one whose objects the caller can reach.
 */
public interface ResourceRoles {

    /** The caller's organization; {@code permission_denied} unless the caller is one of its active members. */
    long member(ApiPrincipal principal);

    /** The caller's organization; {@code permission_denied} unless the caller is an administrator or an editor. */
    long editor(ApiPrincipal principal);
}
