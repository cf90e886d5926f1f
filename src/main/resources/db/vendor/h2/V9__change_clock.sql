-- Change times that other server processes poll (sessions.revoked_at, api_keys.changed_at) are read from the
-- database's clock at the moment of the change, after the changed rows are locked: PostgreSQL's clock_timestamp().
-- H2 has no such function (its current_timestamp, like PostgreSQL's, is the transaction's start), so this defines it
-- with the same name, and the same SQL runs on both databases. The PostgreSQL twin of this file only comments.
create alias clock_timestamp for 'java.time.Instant.now';

comment on column sessions.revoked_at is 'clock_timestamp() once the row is locked; polled by other processes';
comment on column api_keys.changed_at is 'clock_timestamp() once the row is locked; polled by other processes';
