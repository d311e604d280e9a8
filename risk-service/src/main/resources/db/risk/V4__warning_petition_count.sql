-- A warning names how many petitions, and which are its latest, without reading every one (issue 20): a busy
-- township's SPIKE names thousands, and a petition joining it read and wrote them all. The petition's time of
-- receipt is kept with its link (it never changes), so the latest are an index scan.
alter table warning add column petition_count integer;
update warning w set petition_count = (select count(*) from warning_petition p where p.warning_id = w.id);
alter table warning alter column petition_count set not null;

alter table warning_petition add column received_at timestamptz;
update warning_petition w set received_at = f.received_at from petition_fact f where f.petition_no = w.petition_no;
alter table warning_petition alter column received_at set not null;
create index warning_petition_latest on warning_petition (warning_id, received_at desc, petition_no desc);
