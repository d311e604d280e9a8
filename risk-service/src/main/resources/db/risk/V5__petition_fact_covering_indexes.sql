-- A spike's counts, a window's receipts and the check for a barring petition read a township's or a category's
-- petitions of up to five weeks, one heap fetch each. With the columns they need in the index (the number, the
-- bars), they are index-only scans wherever autovacuum has marked the pages all-visible, which it does soon for a
-- table whose rows are inserted and seldom changed, like this one (docs/benchmark.md, 2026-12-03).
create index petition_fact_by_township_covering on petition_fact (township_code, received_at)
    include (petition_no, barred);
drop index petition_fact_by_township;
alter index petition_fact_by_township_covering rename to petition_fact_by_township;

create index petition_fact_by_category_covering on petition_fact (category, received_at)
    include (petition_no, barred);
drop index petition_fact_by_category;
alter index petition_fact_by_category_covering rename to petition_fact_by_category;
