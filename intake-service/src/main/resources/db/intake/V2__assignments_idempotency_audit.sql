-- What intake learns from the other services' events (it never reads their tables), the idempotency keys of
-- registrations, and the append-only, hash-chained audit log of identity reads.

-- The current assignment of each petition, from petition.routed.v1. A later decision (MANUAL, REROUTE)
-- replaces the earlier one; a redelivered older decision never replaces a newer one (decided_at).
create table assignment (
    petition_no text        primary key,
    decision_id text        not null,
    source      text        not null,
    lead        text,
    co_handlers text[]      not null,
    category    text,
    decided_at  timestamptz not null,
    updated_at  timestamptz not null
);

-- The latest case status of each petition, from petition.status.v1: repeat detection needs to know which
-- earlier petitions are still open.
create table case_status (
    petition_no text        primary key,
    status      text        not null,
    occurred_at timestamptz not null,
    updated_at  timestamptz not null
);

-- Repeat detection looks for earlier petitions of the same division (and category).
create index petition_division_received on petition (division_code, received_at);

-- Idempotency-Key of POST /api/v1/petitions: the keyed hash (HMAC) of the request it first came with and the
-- petition it registered. The hash is keyed because the request contains personal data.
create table idempotency_key (
    idempotency_key text        primary key,
    request_hash    text        not null,
    petition_no     text        not null references petition (petition_no),
    created_at      timestamptz not null
);

-- Every read of petitioners' identity, and every refused attempt. Entries are numbered without gaps; each
-- entry's hash is an HMAC over its own fields and the previous entry's hash, so changing, removing or
-- inserting an entry breaks the chain from that entry on. Only field names are recorded, never values.
create table identity_audit (
    seq          bigint      primary key,
    occurred_at  timestamptz not null,
    department   text,
    petition_no  text        not null,
    fields       text        not null,
    purpose      text,
    outcome      text        not null,
    prev_hash    text        not null,
    hash         text        not null unique
);
create index identity_audit_petition on identity_audit (petition_no);

-- Append-only: the service's own statements cannot change or remove an entry.
create function identity_audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'identity_audit is append-only: % is not allowed', tg_op;
end;
$$;

create trigger identity_audit_no_update_or_delete before update or delete on identity_audit
    for each row execute function identity_audit_append_only();
create trigger identity_audit_no_truncate before truncate on identity_audit
    for each statement execute function identity_audit_append_only();
