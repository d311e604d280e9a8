-- Who handles a petition is what the ledger last published on petition.status.v1 (docs/security.md, "Who handles a
-- petition"): intake no longer keeps routing's decisions. A department reads identities again with the next status
-- event of its case; until then only the bureau does, which errs on the side of the petitioner.
drop table assignment;
alter table case_status add column lead text;
alter table case_status add column co_handlers text[] not null default '{}';
alter table case_status add column sequence bigint;
-- the category of the ledger's case: for a petition registered without one, routing's suggestion once applied
alter table case_status add column category text;

-- A complaint may name a township or a village (a village cadre, 村干部) instead of, or besides, a department; the
-- departments it bars (VisibilityPolicy.barredBy) are kept with the petition.
alter table petition add column complained_township text;
alter table petition add column complained_village text;
alter table petition add column barred text[] not null default '{}';
update petition set barred = array[complained_department] where complained_department is not null;
