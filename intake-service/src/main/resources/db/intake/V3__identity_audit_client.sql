-- Callers are identified by their bearer token now (docs/security.md): the audit log records the OAuth2 client
-- of the token next to the department (which holds the client id when the token acts for no department).
-- Entries written before this migration have no client id and keep the hash they were written with; the hash
-- of every later entry covers its client id (IdentityAuditLog.canonical).
alter table identity_audit add column client_id text;
