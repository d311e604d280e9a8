-- The W3C traceparent of the transaction that wrote an event (null when it ran outside any trace, as a scheduled
-- scan may): the relay sends it as the record's traceparent header, so that every consumer continues the trace.
alter table outbox_event add column trace_parent text;
