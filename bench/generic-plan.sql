-- Why notify's recorder is planned afresh for each batch (docs/benchmark.md, "2026-12-03 (night)").
-- Run in an empty scratch database of any PostgreSQL 17: psql -d scratch -f bench/generic-plan.sql
-- A generic plan made while the table was small (a server-side prepared statement, as the JDBC driver makes of a
-- statement run five times) keeps its sequential scan after the table has grown, until the next ANALYZE; a custom
-- plan, made with the table's size of the moment, reads three rows by the primary key.
create temporary table delivery (id text primary key, status text not null, attempts int not null,
    last_status int, last_error text, delivered_at timestamptz, payload text not null);
insert into delivery select 'd' || g, 'PENDING', 0, null, null, null, repeat('x', 900) from generate_series(1, 30) g;
analyze delivery;
prepare record_delivered(timestamptz, text[], int[], int[]) as
    update delivery d set status = 'DELIVERED', attempts = a.attempt, delivered_at = $1, last_error = null,
        last_status = a.status
    from unnest($2, $3, $4) as a(id, attempt, status)
    where d.id = a.id and d.status = 'PENDING';
set plan_cache_mode = force_generic_plan;
explain execute record_delivered(now(), array['d5', 'd10', 'd15'], array[1, 1, 1], array[200, 200, 200]);
-- the table grows (a benchmark's minute of deliveries), no ANALYZE yet
insert into delivery select 'x' || g, case when g % 50 = 0 then 'PENDING' else 'DELIVERED' end, 1, 200, null, now(),
    repeat('x', 900) from generate_series(1, 60000) g;
explain analyze execute record_delivered(now(), array['d6', 'd11', 'd16'], array[1, 1, 1], array[200, 200, 200]);
set plan_cache_mode = force_custom_plan;
explain analyze execute record_delivered(now(), array['d7', 'd12', 'd17'], array[1, 1, 1], array[200, 200, 200]);
