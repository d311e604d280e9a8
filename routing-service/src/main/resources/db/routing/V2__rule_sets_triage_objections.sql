-- Rule sets as versioned data. Exactly one version is active; a new version is inserted and activated in one
-- transaction, and old versions stay readable. The definition is the document of the API (categories, townships).
create table rule_set (
    version     int         primary key,
    active      boolean     not null,
    definition  jsonb       not null,
    note        text,
    created_at  timestamptz not null
);
create unique index rule_set_one_active on rule_set (active) where active;

-- Objections (异议/退单) the bureau accepted: routing never again places the petition with these departments.
create table accepted_objection (
    petition_no    text        not null references petition (petition_no),
    department     text        not null,
    accepted_at    timestamptz not null,
    cause_event_id text        not null,
    primary key (petition_no, department)
);

-- Decisions keep the tied candidates of a triage and the bureau's reason of a manual assignment.
alter table routing_decision add column candidates text[] not null default '{}';
alter table routing_decision add column reason text;

-- The triage list: petitions whose newest decision sent them to the bureau.
alter table petition add column awaiting_triage boolean not null default false;
alter table petition add column triaged_at timestamptz;

update petition p
set awaiting_triage = d.triage, triaged_at = case when d.triage then d.decided_at end
from (select distinct on (petition_no) petition_no, triage, decided_at
      from routing_decision order by petition_no, decided_at desc) d
where d.petition_no = p.petition_no;

create index petition_awaiting_triage on petition (triaged_at) where awaiting_triage;
