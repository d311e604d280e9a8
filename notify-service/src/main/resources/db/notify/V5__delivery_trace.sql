-- The W3C traceparent of the consumer's transaction that planned a delivery: each attempt is a span of that trace,
-- and the webhook request carries it in its traceparent header (docs/operations.md, "Tracing").
alter table delivery add column trace_parent text;

-- The gauge of failing endpoints (NotifyGauges) finds the deliveries that gave up without reading the others.
create index delivery_dead on delivery (subscription_id) where status = 'DEAD';
