-- A prescriber's login name is kept with the prescriber, so that the tenancy module (which owns this
-- table) reads no table of the identity module's: identity registers prescribers and gives the name.
-- Login names never change (they are Camunda's user ids and the assignees of tasks).
alter table prescriber add column username text;
update prescriber p set username = u.username from app_user u where u.id = p.user_id;
alter table prescriber alter column username set not null;
