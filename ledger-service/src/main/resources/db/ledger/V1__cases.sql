-- The ledger (台账). A case row holds the current state; case_history is append-only.
create table petition_case (
    petition_no           text        primary key,
    status                text        not null,
    channel               text,
    category              text,
    petition_class        text,
    division_code         text        not null,
    subject               text        not null,
    content               text        not null,
    petitioners           jsonb       not null,   -- pseudonyms and masked names only
    group_size            int         not null,
    is_group              boolean     not null,
    repeat_of             text,
    complained_department text,
    lead                  text,
    co_handlers           text[]      not null default '{}',
    routing_explanation   text,
    responsible_person    text,
    received_at           timestamptz not null,
    assigned_at           timestamptz,
    assign_due            date,
    acknowledge_due       date,
    opened_at             timestamptz not null,
    updated_at            timestamptz not null
);
create index petition_case_lead on petition_case (lead);

create table case_history (
    id               bigserial   primary key,
    petition_no      text        not null references petition_case (petition_no),
    occurred_at      timestamptz not null,
    action           text        not null,
    actor_department text,
    from_status      text,
    to_status        text        not null,
    detail           text
);
create index case_history_petition on case_history (petition_no, id);

-- Nothing in a case's history is ever updated or deleted.
create function case_history_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'case_history is append-only';
end $$;
create trigger case_history_append_only before update or delete on case_history
    for each row execute function case_history_is_append_only();

-- A routing decision (or triage) consumed before the petition it routes waits here until the petition arrives.
create table pending_decision (
    id          bigserial primary key,
    petition_no text      not null,
    event_type  text      not null,
    payload     bytea     not null
);
