-- risk's warnings and projects reach departments too: a feed entry's and a delivery's subject is the petition
-- number for a petition's event, the warning's or project's id for risk's.
alter table feed_entry rename column petition_no to subject;
alter table delivery rename column petition_no to subject;

-- The departments a warning's petitions bar, gathered from its events: no delivery listing shows them its subject.
create table notify_situation (
    subject    text primary key,
    event_type text        not null,
    barred     text[]      not null,
    updated_at timestamptz not null
);
