-- The dispatcher takes an endpoint's next due delivery in the order (next_attempt_at, id). The planner writes a
-- poll's deliveries in one statement, with one next_attempt_at, so an endpoint's backlog holds runs of deliveries due
-- at the same instant; through (subscription_id, next_attempt_at) each lease read and sorted the whole run to find its
-- first (3 ms a call behind runs of a hundred). With the id in the index the first row in order is the first found.
drop index delivery_pending;
create index delivery_pending on delivery (subscription_id, next_attempt_at, id) where status = 'PENDING';
