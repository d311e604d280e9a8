-- Issue 6: interest filters, secret rotation, the case view notify decides visibility from, the pull feed.

-- Subscriptions: interest filters (they select events of cases NOT assigned to the department), a rotation
-- window during which the previous secret also signs, and why a subscription stopped.
alter table subscription
    add column filter_categories      text[] not null default '{}',
    add column filter_division_prefix text,
    add column filter_classes         text[] not null default '{}',
    add column previous_secret        text,
    add column previous_secret_until  timestamptz,
    add column disabled_reason        text,          -- GONE (the endpoint answered 410) or DELETED
    add column disabled_at            timestamptz;

-- Before V2 a subscription meant "status events of my own cases". Own cases are now delivered whatever the
-- event types say, and event types select interest summaries of other cases: keep the old meaning.
update subscription set event_types = '{}' where event_types = '{status}';

-- What notify knows of each case, merged from received, routed, status and deadline events (which arrive on
-- different topics, so in any order). It decides who may receive what.
create table notify_case (
    petition_no          text        primary key,
    category             text,
    petition_class       text,
    division_code        text,
    status               text,
    status_at            timestamptz,
    lead                 text,
    co_handlers          text[]      not null default '{}',
    assignment_at        timestamptz,
    -- departments that never receive anything of this petition: the one complained about, and any that
    -- routing recused for that reason
    barred               text[]      not null default '{}',
    -- departments whose objection (异议) the bureau accepted: no longer assigned unless routed to again
    released             text[]      not null default '{}',
    received_at          timestamptz,
    group_petition       boolean     not null default false,
    repeat_of            text,
    -- the received event as departments may see it (never the tracking code's hash), kept so that a
    -- department assigned after the petition arrived still gets its content
    received_event_id    text,
    received_event_time  timestamptz,
    received_payload     text,
    -- departments that have been given the received event in full (so each gets it once)
    content_given_to     text[]      not null default '{}',
    updated_at           timestamptz not null
);

-- The pull feed: one row per event and department, in commit order (the planner holds a transaction-scoped
-- advisory lock while it appends, so a reader that pages by sequence never skips a row committed late).
create sequence feed_entry_seq;
create table feed_entry (
    seq          bigint      primary key,
    department   text        not null,
    event_id     text        not null,
    event_type   text        not null,
    petition_no  text        not null,
    view         text        not null,   -- FULL or SUMMARY
    reasons      text[]      not null,
    payload      text        not null,   -- exactly the body a webhook of this department carries
    created_at   timestamptz not null,
    unique (event_id, department, view)
);
create index feed_entry_department on feed_entry (department, seq);

-- Deliveries carry the view; a department assigned later may get the FULL event after an interest SUMMARY.
alter table delivery add column view text not null default 'FULL';
alter table delivery add column feed_seq bigint;
alter table delivery add column redeliveries int not null default 0;
alter table delivery drop constraint delivery_event_id_subscription_id_key;
alter table delivery add constraint delivery_event_subscription_view unique (event_id, subscription_id, view);
create index delivery_subscription on delivery (subscription_id, created_at desc);
-- the dispatcher's lease: the oldest due deliveries of each subscription, and those in flight
create index delivery_pending on delivery (subscription_id, next_attempt_at) where status = 'PENDING';
create index delivery_sending on delivery (subscription_id) where status = 'SENDING';
create index delivery_petition on delivery (petition_no);
