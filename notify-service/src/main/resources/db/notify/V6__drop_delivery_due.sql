-- delivery_due (next_attempt_at, over PENDING and SENDING) misled the planner. To find one endpoint's oldest due
-- delivery, the dispatcher's generic plans walked it in time order and filtered by endpoint, through every older
-- delivery of the other endpoints: 3.5 ms a statement behind the bureau's backlog of 5,000 (55 ms for the lease
-- query), against 0.3 ms (0.9 ms) through delivery_pending (subscription_id, next_attempt_at). Nothing else needs
-- it: the queue gauges count PENDING and SENDING through delivery_pending and delivery_sending.
drop index delivery_due;
