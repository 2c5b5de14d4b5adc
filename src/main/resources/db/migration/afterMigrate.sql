-- Runs after every migration, as the owner: the app role may read and write rows, nothing else.
grant select, insert, update, delete on all tables in schema public to ${app_role};
grant usage, select on all sequences in schema public to ${app_role};
revoke all on table flyway_schema_history from ${app_role};
