-- Who made a manual assignment and who posted a rule set, as the caller's token names it (its department code,
-- else its client id). Null for the decisions routing makes by itself (RULE, REROUTE) and for version 1, which is
-- written from the county's reference data.
alter table routing_decision add column decided_by text;
alter table rule_set add column created_by text;
