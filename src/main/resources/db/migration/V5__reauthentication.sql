-- When the user of a session last proved their password (login or re-authentication): the auth_time of every access
-- token a refresh of the session issues. Sessions from before this column count from their login.
alter table sessions add column authenticated_at timestamp with time zone;
update sessions set authenticated_at = created_at;
alter table sessions alter column authenticated_at set not null;
