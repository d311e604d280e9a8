-- Routing follows the ledger (docs/security.md, "Who handles a petition"): the ledger's case as its status events last said,
-- for the views of departments, the triage list and the up-front check of a manual assignment.
create table ledger_case (
    petition_no text        primary key,
    status      text        not null,
    lead        text,
    co_handlers text[]      not null,
    attached_to text,
    sequence    bigint,
    occurred_at timestamptz not null
);

-- Whom a petition's complaint bars (VisibilityPolicy.barredBy) and who takes the bureau's place for it.
alter table petition add column barred text[] not null default '{}';
alter table petition add column acting_bureau text not null default 'XFJ';
update petition set barred = array[complained_department] where complained_department is not null;
update petition set acting_bureau = 'ZFB' where 'XFJ' = any (barred);

-- What the ledger did with each assignment decision (PENDING until it says); null for triage notices and for the
-- decisions made before this migration.
alter table routing_decision add column outcome text;
alter table routing_decision add column outcome_reason text;
