-- Runs after every migration, as the owner: the app role may read and write rows, nothing else.
grant select, insert, update, delete on all tables in schema public to ${app_role};
grant usage, select on all sequences in schema public to ${app_role};
revoke all on table flyway_schema_history from ${app_role};
-- The audit trail is append-only for the app role (V50): it reads, and appends only through
-- audit_append() (which runs as the owner); it never changes a record or the chain head.
revoke insert, update, delete, truncate on table audit_record, audit_chain_head, audit_chain_anchor from ${app_role};
-- Old records leave only through audit_prune() (V55), which refuses anything younger than six years.
grant execute on function audit_prune(timestamptz) to ${app_role};
-- Records are numbered inside audit_append() (V56); the app role neither takes nor sets numbers itself,
-- and seals through audit_seal(), which runs as the owner.
-- (Conditional: a migration to a target before V56 runs this callback too.)
do $$
begin
    if to_regclass('audit_record_seq') is not null then
        execute 'revoke all on sequence audit_record_seq from ${app_role}';
        execute 'grant execute on function audit_seal() to ${app_role}';
    end if;
end
$$;
