-- The facts routing needs to decide again (reroute after an objection), and every decision ever made.
create table petition (
    petition_no           text primary key,
    division_code         text not null,
    category              text,
    subject               text not null,
    content               text not null,
    complained_department text
);

create table routing_decision (
    decision_id        uuid        primary key,
    petition_no        text        not null references petition (petition_no),
    source             text        not null,   -- RULE, MANUAL, REROUTE
    triage             boolean     not null,
    lead               text,
    co_handlers        text[]      not null,
    tier               text,
    category           text,
    petition_class     text,
    suggested_category text,
    matched_keywords   text[]      not null,
    matched_rules      text[]      not null,
    recused            text[]      not null,
    rule_set_version   int,
    explanation        text        not null,
    decided_at         timestamptz not null,
    cause_event_id     text        unique      -- the consumed event (or request) that caused it: one decision each
);
create index routing_decision_petition on routing_decision (petition_no);
