-- Change times that other server processes poll (sessions.revoked_at, api_keys.changed_at) are read from the
-- database's clock at the moment of the change, after the changed rows are locked: clock_timestamp(), built into
-- PostgreSQL (current_timestamp is the transaction's start, which may lie long before the commit). The H2 twin of this
-- file defines clock_timestamp() for H2.

comment on column sessions.revoked_at is 'clock_timestamp() once the row is locked; polled by other processes';
comment on column api_keys.changed_at is 'clock_timestamp() once the row is locked; polled by other processes';
