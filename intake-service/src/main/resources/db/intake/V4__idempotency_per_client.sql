-- Idempotency keys belong to the client that sent them (the OAuth2 client of the bearer token): the same key from
-- another client is another key, so one client can neither be refused (422) because of another's key nor be
-- answered with another client's petition. Keys stored before this migration do not say which client sent them;
-- they keep the sentinel '' (no token ever names the empty client), so they are never matched again: a retry of
-- such an old request registers anew.
alter table idempotency_key add column client_id text not null default '';
alter table idempotency_key alter column client_id drop default;
alter table idempotency_key drop constraint idempotency_key_pkey;
alter table idempotency_key add constraint idempotency_key_pkey primary key (client_id, idempotency_key);
