-- One database per service (no service reads another's tables). Runs once, on an empty volume.
-- DEMO credentials: production sets POSTGRES_PASSWORD and the services' *_DB_PASSWORD from a secret store.
create database intake;
create database routing;
create database ledger;
create database notify;
create database risk;
