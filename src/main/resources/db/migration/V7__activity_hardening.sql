-- Refused (429) uses of a key are folded into one row per key and minute: how many uses the row stands for.
alter table api_key_activity add column use_count integer default 1 not null;
