-- The 台账 in full: department actions, statutory clocks, repeats, the progress query.
alter table petition_case
    add column township_code          text,
    add column tracking_code_hash     text,
    add column attached_to            text,
    add column repeat_count           int     not null default 0,
    add column not_accepted_reason    text,
    add column acknowledged_at        timestamptz,
    add column notified_by            text,
    add column objection_due          date,
    add column objecting_department   text,
    add column status_before_objection text,
    add column excluded_departments   text[]  not null default '{}',
    add column reply_due              date,
    add column extension_status       text,
    add column extension_days         int,
    add column replied_at             timestamptz,
    add column reply_outcome          text,
    add column satisfaction           text,
    add column evaluated_at           timestamptz,
    add column closed_at              timestamptz,
    add column redirected_at          timestamptz,
    add column redirect_procedure     text,
    add column review_request_due     date,
    add column review_requested_at    timestamptz,
    add column review_decision_due    date,
    add column reviewed_at            timestamptz,
    add column review_outcome         text,
    add column recheck_request_due    date,
    add column recheck_requested_at   timestamptz,
    add column recheck_decision_due   date,
    add column rechecked_at           timestamptz,
    add column recheck_outcome        text,
    add column supervision_count      int     not null default 0;

update petition_case set township_code = substr(division_code, 1, 9);
create index petition_case_status on petition_case (status);
create index petition_case_received on petition_case (received_at);

-- The fields of each action (facts, reasons, notes...) are kept with its history entry.
alter table case_history add column details jsonb not null default '{}';

-- Each statutory clock event is published once per case, clock, kind and due date.
create table deadline_notice (
    petition_no text        not null,
    clock       text        not null,
    kind        text        not null,
    due_date    date        not null,
    raised_at   timestamptz not null,
    primary key (petition_no, clock, kind, due_date)
);

-- The bureau's working-day calendar: HOLIDAY (a weekday off) or WORKDAY (a weekend day worked, 调休).
create table calendar_day (
    day  date primary key,
    kind text not null check (kind in ('HOLIDAY', 'WORKDAY')),
    name text
);

-- The case as it stood after each change, so that GET /cases/{no}?asOf= can show any moment.
alter table case_history add column snapshot jsonb;
