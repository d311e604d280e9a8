-- Shared by every service that writes or consumes events (Flyway location classpath:db/events).

-- Transactional outbox: a state change and its outgoing event are committed together;
-- the relay publishes rows in id order and deletes them once the broker has acknowledged them.
create table outbox_event (
    id          bigserial   primary key,
    event_id    uuid        not null unique,
    topic       text        not null,
    event_key   text        not null,
    event_type  text        not null,
    source      text        not null,
    occurred_at timestamptz not null,
    payload     bytea       not null,
    created_at  timestamptz not null default now()
);

-- Idempotent consumer: the id of every consumed event is written in the same transaction as its effect.
create table processed_event (
    event_id     text        primary key,
    event_type   text        not null,
    processed_at timestamptz not null default now()
);
