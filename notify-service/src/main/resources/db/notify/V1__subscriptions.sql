create table subscription (
    id          uuid        primary key,
    department  text        not null,
    url         text,
    event_types text[]      not null,
    secret      text        not null,   -- the Standard Webhooks signing secret (whsec_...)
    active      boolean     not null default true,
    created_at  timestamptz not null
);
create index subscription_department on subscription (department) where active;

-- One row per (event, subscription). The id is the webhook-id, stable across retries.
create table delivery (
    id              text        primary key,
    subscription_id uuid        not null references subscription (id),
    event_id        text        not null,
    event_type      text        not null,
    petition_no     text        not null,
    payload         text        not null,
    status          text        not null,   -- PENDING, SENDING, DELIVERED, DEAD
    attempts        int         not null,
    last_status     int,
    last_error      text,
    next_attempt_at timestamptz not null,
    lease_until     timestamptz,
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    unique (event_id, subscription_id)
);
create index delivery_due on delivery (next_attempt_at) where status in ('PENDING', 'SENDING');
