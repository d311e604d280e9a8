-- notify follows the ledger for who handles a case: the assignment of the status event with the highest sequence.
alter table notify_case add column sequence bigint;

-- The newest routing decision, kept until the ledger applies it: a decision reaches the departments it names when
-- the ledger's ROUTED status event says so (the routing explanation then reaches them once), never before.
alter table notify_case add column routed_decision_id text;
alter table notify_case add column routed_event_id text;
alter table notify_case add column routed_event_time timestamptz;
alter table notify_case add column routed_at timestamptz;
alter table notify_case add column routed_payload text;
