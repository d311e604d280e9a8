-- Who a petition bars (its complaint: a department, a township's government, a village's township government), who
-- takes the bureau's and the supervisor's place for it (the shared VisibilityPolicy decides both at registration),
-- and the case's change number carried by every status event (consumers keep the assignment of the highest one).
alter table petition_case add column barred text[] not null default '{}';
alter table petition_case add column acting_bureau text;
alter table petition_case add column acting_supervisor text;
alter table petition_case add column sequence bigint not null default 0;

-- Cases registered before: the complaint named one department. The codes are the county's bureau (XFJ),
-- supervisor (ZFB) and discipline body (JWJW), as VisibilityPolicy derives them from the reference data.
update petition_case set barred = array[complained_department] where complained_department is not null;
update petition_case set
    acting_bureau = case when 'XFJ' = any (barred) then 'ZFB' else 'XFJ' end,
    acting_supervisor = case when 'ZFB' = any (barred) then 'JWJW' else 'ZFB' end;
update petition_case c set sequence = (select count(*) from case_history h where h.petition_no = c.petition_no);
alter table petition_case alter column acting_bureau set default 'XFJ';
alter table petition_case alter column acting_bureau set not null;
alter table petition_case alter column acting_supervisor set default 'ZFB';
alter table petition_case alter column acting_supervisor set not null;
