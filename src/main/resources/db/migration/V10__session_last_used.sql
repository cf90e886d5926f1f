-- When a session was last used to get tokens (its login, then its refreshes, to the minute), for GET /api/auth/sessions/.
-- The default keeps a process of the previous version, which inserts sessions without it, working during a rolling
-- upgrade.
alter table sessions add column last_used_at timestamp with time zone default current_timestamp not null;
update sessions set last_used_at = coalesce(rotated_at, created_at);
