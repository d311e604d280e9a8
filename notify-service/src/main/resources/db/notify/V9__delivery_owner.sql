-- Each webhook endpoint (an active subscription with a URL) is sent to by one notify instance at a time: the row names
-- it and until when (renewed every few seconds; once it has run out, another instance takes the endpoint over). The
-- owner reads due deliveries without writing them, so a delivery is written twice: planned, and with its outcome.
create table delivery_owner (
    subscription_id uuid        primary key references subscription (id),
    owner           text        not null,
    until           timestamptz not null
);

-- Deliveries leased (SENDING) by the release before are pending again: the new owner sends them, with the same
-- webhook-id. Nothing is leased from now on, so the index of leased rows goes.
update delivery set status = 'PENDING', lease_until = null where status = 'SENDING';
drop index delivery_sending;
