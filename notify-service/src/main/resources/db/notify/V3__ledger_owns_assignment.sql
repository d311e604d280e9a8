-- notify follows the ledger for who handles a case: the assignment of the status event with the highest sequence.
alter table notify_case add column sequence bigint;
