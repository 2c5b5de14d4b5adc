-- Retention of the audit trail: records are kept at least six years, whatever Camunda's history
-- time-to-live does with its own tables. Older records may be removed from the start of the chain
-- only, through audit_prune(), which refuses any cutoff inside six years and leaves an anchor so the
-- chain still verifies: the last removed record's sequence number and hash, which the first kept
-- record links to.

create table audit_chain_anchor (
    id            boolean primary key default true check (id),
    seq           bigint not null,
    hash          bytea not null check (length(hash) = 32),
    pruned_before timestamptz not null,
    pruned_at     timestamptz not null
);

comment on table audit_chain_anchor is
    'Where the audit chain starts after old records were removed: the last removed record''s seq and hash';

-- The trigger let only the owner's own session past (session_user); audit_prune() runs as the owner
-- on behalf of the app role, so the trigger now asks who executes the statement (current_user).
-- The app role cannot set itself past it: it is neither the owner nor granted delete.
create or replace function audit_record_refuse_change() returns trigger
    language plpgsql
as $$
begin
    if current_user = (select tableowner from pg_tables where tablename = 'audit_record' and schemaname = current_schema())
            and coalesce(current_setting('pestle.audit_maintenance', true), '') = 'on' then
        return case when tg_op = 'DELETE' then old else new end;
    end if;
    raise exception 'audit records are append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end
$$;

-- Removes the records written before p_before (a prefix of the chain: sequence numbers follow the
-- database clock under the head's lock) and moves the anchor to the last one removed. Refuses a
-- cutoff later than six years ago. Returns how many records were removed. Runs as the owner.
create function audit_prune(p_before timestamptz) returns bigint
    language plpgsql
    security definer
    set search_path from current
as $$
declare
    last_seq  bigint;
    last_hash bytea;
    removed   bigint;
begin
    -- row-level security binds the owner too: only the system scope sees the whole prefix
    if coalesce(current_setting('pestle.scope', true), '') <> 'system' then
        raise exception 'audit_prune runs in the system scope' using errcode = 'insufficient_privilege';
    end if;
    if p_before > clock_timestamp() - interval '6 years' then
        raise exception 'audit records are kept at least six years (cutoff % refused)', p_before
            using errcode = 'check_violation';
    end if;
    -- appends wait while the start of the chain moves
    perform 1 from audit_chain_head for update;
    select max(seq) into last_seq from audit_record where recorded_at < p_before;
    if last_seq is null then
        return 0;
    end if;
    select hash into strict last_hash from audit_record where seq = last_seq;
    perform set_config('pestle.audit_maintenance', 'on', true);
    delete from audit_record where seq <= last_seq;
    get diagnostics removed = row_count;
    perform set_config('pestle.audit_maintenance', 'off', true);
    insert into audit_chain_anchor (id, seq, hash, pruned_before, pruned_at)
        values (true, last_seq, last_hash, p_before, clock_timestamp())
        on conflict (id) do update set seq = excluded.seq, hash = excluded.hash,
            pruned_before = excluded.pruned_before, pruned_at = excluded.pruned_at;
    return removed;
end
$$;

revoke all on function audit_prune(timestamptz) from public;
