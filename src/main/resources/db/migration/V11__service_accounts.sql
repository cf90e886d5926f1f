-- Service accounts (GET/POST /api/service-accounts/) are rows of users, as Grafana keeps them: the role checks, the
-- principal of a request and the owner of an API key work for them unchanged. A service account has no email (empty,
-- and no normalized email, so no sign-in or lookup by email can find it) and no password hash, so nothing can sign in
-- as one; first_name holds its name. created_by is the administrator who made it, kept when that administrator is
-- deactivated.
alter table users add column service_account boolean default false not null;
alter table users add column created_by bigint references users (id);
alter table users alter column email_normalized drop not null;
alter table users alter column password_hash drop not null;
