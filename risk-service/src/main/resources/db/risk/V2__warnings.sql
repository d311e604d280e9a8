-- Early warnings (预警): one row per situation the county should see early (docs/risk.md, "Warnings").
-- What risk keeps of a petition gains the first petition of the matter it repeats (intake's repeat links followed
-- to their start), so that "the same matter petitioned a third time" is one count.
alter table petition_fact add column repeat_root text;
create index petition_fact_by_township on petition_fact (township_code, received_at);
create index petition_fact_by_category on petition_fact (category, received_at);
create index petition_fact_by_repeat_root on petition_fact (repeat_root) where repeat_root is not null;

create table warning (
    id                     uuid primary key,
    type                   text        not null,   -- WarningType
    situation              text        not null,   -- what makes two warnings the same, e.g. CLUSTER:990101002:LAND_REQUISITION
    level                  text        not null,   -- WarningLevel
    status                 text        not null,   -- WarningStatus
    township_code          text,
    category               text,
    project_id             uuid references project (id),
    departments            text[]      not null,   -- responsible for acting on it
    barred                 text[]      not null,   -- barred by a complaint of one of its petitions: never see it
    explanation            text        not null,
    contradicts_assessment boolean     not null,
    raised_at              timestamptz not null,
    updated_at             timestamptz not null,
    red_since              timestamptz,            -- when it became RED (the escalation clock starts)
    escalated_at           timestamptz,
    closed_at              timestamptz,            -- RESOLVED or DISMISSED
    sequence               bigint      not null    -- its change number, the last published
);
-- One open warning per situation: a second petition of the same situation joins it.
create unique index warning_open_situation on warning (situation) where status in ('OPEN', 'ACKNOWLEDGED');
create index warning_by_situation on warning (situation, closed_at);
create index warning_red_open on warning (red_since) where status = 'OPEN' and escalated_at is null;

create table warning_petition (
    warning_id  uuid not null references warning (id),
    petition_no text not null references petition_fact (petition_no),
    joined_at   timestamptz not null,
    primary key (warning_id, petition_no)
);
create index warning_petition_by_petition on warning_petition (petition_no);

-- What was done about a warning, by whom (staff, never petitioners).
create table warning_action (
    id          uuid primary key,
    warning_id  uuid        not null references warning (id),
    action      text        not null,   -- ACKNOWLEDGE, RESOLVE, DISMISS, or ESCALATE (the platform)
    department  text,
    client_id   text,
    person      text,
    note        text,
    occurred_at timestamptz not null
);
create index warning_action_by_warning on warning_action (warning_id, occurred_at);

-- The category the ledger named, kept also when its event arrives before the petition's (then stored with it).
alter table petition_status add column category text;
