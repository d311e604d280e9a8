-- Nothing leases a delivery since V9 (the endpoint's owner keeps what it sends in memory): the lease's time goes.
-- Like V9, this expects the instances before it stopped (docs/operations.md, "Upgrading notify to endpoint owners").
alter table delivery drop column lease_until;
