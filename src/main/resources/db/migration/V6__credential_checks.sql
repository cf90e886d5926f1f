-- The block a session was started from (an IPv6 address's /64, an IPv4 address itself: ratelimit.AddressKeys), so
-- that "signed in from here before" recognises every address of that block. Older rows are matched by address.
alter table sessions add column client_network varchar(64);
update sessions set client_network = client_address where client_address not like '%:%';

-- Consecutive wrong authenticator codes since the last accepted one; the 100th locks the authenticator until a
-- recovery code is used or an operator resets MFA (NIST SP 800-63B 5.2.2).
alter table mfa_totp add column failed_codes integer default 0 not null;
alter table mfa_totp add column locked_at timestamp with time zone;
