-- A spike compares a township's or a category's petitions of the last period with the trailing periods, five weeks
-- in all, counted back from each petition's time of receipt. Counting them in petition_fact read every petition of
-- the five weeks for every petition that joined a spike (docs/benchmark.md, 2026-12-03). The petitions per
-- township or category and (UTC) day, kept here by a trigger in the transaction that stores or changes a fact, let
-- a count read at most 36 days' totals and, on each boundary day, only the petitions received after the boundary
-- (SpikeCounter).
create table petition_day_count (
    dimension text    not null,   -- TOWNSHIP or CATEGORY
    code      text    not null,   -- the township's code or the category
    day       date    not null,   -- the day of received_at in UTC
    petitions integer not null,
    primary key (dimension, code, day)
);

create function petition_day_count_add(p_dimension text, p_code text, p_received_at timestamptz, p_delta integer)
    returns void language plpgsql as $$
begin
    if p_code is null then
        return;
    end if;
    insert into petition_day_count (dimension, code, day, petitions)
    values (p_dimension, p_code, (p_received_at at time zone 'UTC')::date, p_delta)
    on conflict (dimension, code, day) do update set petitions = petition_day_count.petitions + excluded.petitions;
end $$;

create function petition_day_count_keep() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform petition_day_count_add('TOWNSHIP', new.township_code, new.received_at, 1);
        perform petition_day_count_add('CATEGORY', new.category, new.received_at, 1);
    elsif tg_op = 'DELETE' then
        perform petition_day_count_add('TOWNSHIP', old.township_code, old.received_at, -1);
        perform petition_day_count_add('CATEGORY', old.category, old.received_at, -1);
    else
        -- an update counts only where a code or the time changed (e.g. the ledger names a category later)
        if old.township_code is distinct from new.township_code or old.received_at <> new.received_at then
            perform petition_day_count_add('TOWNSHIP', old.township_code, old.received_at, -1);
            perform petition_day_count_add('TOWNSHIP', new.township_code, new.received_at, 1);
        end if;
        if old.category is distinct from new.category or old.received_at <> new.received_at then
            perform petition_day_count_add('CATEGORY', old.category, old.received_at, -1);
            perform petition_day_count_add('CATEGORY', new.category, new.received_at, 1);
        end if;
    end if;
    return null;
end $$;

create trigger petition_day_count_keep
    after insert or delete or update of township_code, category, received_at on petition_fact
    for each row execute function petition_day_count_keep();

insert into petition_day_count (dimension, code, day, petitions)
select 'TOWNSHIP', township_code, (received_at at time zone 'UTC')::date, count(*)
from petition_fact where township_code is not null group by 2, 3;
insert into petition_day_count (dimension, code, day, petitions)
select 'CATEGORY', category, (received_at at time zone 'UTC')::date, count(*)
from petition_fact where category is not null group by 2, 3;

-- The petitions a complaint bars are few: a spike's count without those barring its departments, and the check
-- for a barring petition a bureau-only warning needs, read only them.
create index petition_fact_barring_by_township on petition_fact (township_code, received_at)
    where cardinality(barred) > 0;
create index petition_fact_barring_by_category on petition_fact (category, received_at)
    where cardinality(barred) > 0;
