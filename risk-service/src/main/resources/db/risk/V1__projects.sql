-- Major projects (征地, 拆迁, big construction) and their social-stability risk assessments (稳评).
create table project (
    id               uuid primary key,
    name             text        not null,
    department       text        not null,          -- the department responsible for the decision
    divisions        text[]      not null,          -- village or township codes the project touches
    categories       text[]      not null,          -- petition categories the project may cause
    households       integer     not null,          -- households affected
    planned_start    date,
    description      text,
    status           text        not null,          -- ProjectStatus
    level            text,                          -- the latest assessment's level (RiskLevel)
    decision         text,
    decision_reason  text,
    decided_at       timestamptz,
    decided_by       text,
    created_at       timestamptz not null,
    created_by       text        not null
);

create table assessment (
    id                  uuid primary key,
    project_id          uuid        not null references project (id),
    number              integer     not null,       -- 1 for the first assessment of the project, 2 ...
    risk_points         jsonb       not null,
    households_surveyed integer     not null,
    opposed             integer     not null,
    methods             text[]      not null,
    conclusion          text        not null,
    computed_level      text        not null,       -- what the survey gives
    level               text        not null,       -- what the assessor set (never below computed_level)
    assessed_at         timestamptz not null,
    assessed_by         text        not null,
    unique (project_id, number)
);

-- What risk keeps of each petition: no names, pseudonyms, subject or content.
create table petition_fact (
    petition_no           text primary key,
    division_code         text        not null,
    township_code         text,
    category              text,
    group_size            integer     not null,
    is_group              boolean     not null,
    repeat_of             text,
    complained_department text,
    barred                text[]      not null,     -- departments the complaint bars (they never see it here)
    received_at           timestamptz not null
);

-- The ledger's latest status of each petition (it may arrive before the petition: another topic).
create table petition_status (
    petition_no text primary key,
    status      text        not null,
    sequence    bigint,
    occurred_at timestamptz not null
);

create table project_petition (
    project_id  uuid not null references project (id),
    petition_no text not null references petition_fact (petition_no),
    linked_at   timestamptz not null,
    primary key (project_id, petition_no)
);
create index project_petition_by_petition on project_petition (petition_no);
