-- The events of a petition notify has planned, kept with its case: the planner locks the case and writes it once per
-- batch anyway, so a second delivery of a petition's event is recognised there, without a processed_event row of
-- its own (warnings', projects', screenings' and disputes' events, which have no case, keep theirs).
alter table notify_case add column planned_events text[] not null default '{}';

-- The events planned before this version: every one reached at least the bureau's feed, which keeps its id and the
-- petition. (An event no feed took would be planned once more; its entries' unique keys still hold each once.)
update notify_case c set planned_events = f.ids
from (select subject, array_agg(distinct event_id order by event_id) as ids from feed_entry
      where event_type like 'petition.%' group by subject) f
where f.subject = c.petition_no;
