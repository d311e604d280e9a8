-- Screening rounds (矛盾纠纷排查): who must report, what each unit reported, and the 矛盾纠纷 ledger they fill.
create table screening_round (
    id         uuid primary key,
    name       text        not null,
    kind       text        not null,   -- ROUTINE or SPECIAL
    reason     text,
    due_by     timestamptz not null,
    units      text[]      not null,   -- the units expected to report (townships and county departments)
    opened_at  timestamptz not null,
    opened_by  text        not null,
    sequence   bigint      not null    -- its change number, the last published
);

-- Reminders and overdue notices of a round, each sent once (REMINDER before dueBy, OVERDUE after it).
create table screening_notice (
    round_id uuid        not null references screening_round (id),
    kind     text        not null,
    sent_at  timestamptz not null,
    primary key (round_id, kind)
);

-- One report per unit and round; amended in place until the round is due.
create table screening_report (
    round_id    uuid        not null references screening_round (id),
    unit        text        not null,
    zero_report boolean     not null,  -- 零报告: the unit found nothing
    first_at    timestamptz not null,
    updated_at  timestamptz not null,
    late        boolean     not null,  -- first submitted after the round was due
    amendments  integer     not null,
    primary key (round_id, unit)
);

-- How a township's report accounts for each of its villages (纵向到底): items found there, or a zero report.
create table screening_village (
    round_id     uuid    not null references screening_round (id),
    unit         text    not null,
    village_code text    not null,
    zero_report  boolean not null,
    primary key (round_id, village_code)
);

-- The 矛盾纠纷 ledger: every issue a report found, with who answers for it and by when.
create table dispute (
    id                     uuid primary key,
    round_id               uuid        not null references screening_round (id),
    unit                   text        not null,   -- the unit that reported it
    division_code          text        not null,
    township_code          text,
    category               text        not null,
    summary                text        not null,   -- parties by role and number, never by name
    people_involved        integer     not null,
    risk_level             text        not null,   -- HIGH, MEDIUM, LOW
    responsible_department text        not null,
    responsible_person     text,
    leader_in_charge       text,                   -- 包案领导 (required for HIGH)
    leader_unit            text,                   -- the leader's unit, told of yellow and red cards
    resolve_by             date        not null,
    measures               text,
    project_id             uuid references project (id),
    status                 text        not null,   -- DisputeStatus
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    sequence               bigint      not null
);
create index dispute_by_round on dispute (round_id, unit);
create index dispute_by_department on dispute (responsible_department, status);

-- Overdue flags and cards (黄牌/红牌督办) of an issue, each raised once.
create table dispute_notice (
    dispute_id uuid        not null references dispute (id),
    kind       text        not null,   -- OVERDUE, YELLOW_CARD, RED_CARD
    raised_at  timestamptz not null,
    primary key (dispute_id, kind)
);

create table dispute_action (
    id          uuid primary key,
    dispute_id  uuid        not null references dispute (id),
    action      text        not null,   -- DisputeAction, or the platform's OVERDUE, YELLOW_CARD, RED_CARD
    department  text,
    client_id   text,
    note        text,
    occurred_at timestamptz not null
);
create index dispute_action_by_dispute on dispute_action (dispute_id, occurred_at);
