-- The audit chain without a lock held across business transactions (issue 12).
--
-- Until V55 every append locked the single row of audit_chain_head until its transaction ended, so
-- every audited transaction queued behind every other. Now a record is inserted unsealed (no hash)
-- in the caller's transaction, numbered by a sequence, and one sealer (audit_seal(), called every
-- few hundred milliseconds by the application, one node at a time) links the committed records into
-- the chain in seq order. A record still commits or rolls back with the work it describes; the chain
-- is what the sealer has linked so far, and the verification says how far that reaches.
--
-- Numbers taken by transactions that roll back leave gaps, so each sealed record names its
-- predecessor (previous_seq) and the link hash covers it: a deleted record is located by the number
-- its successor names. Records sealed before this migration have no previous_seq: their predecessor
-- is seq - 1 (the old numbering was dense) and their hash is computed as before.

alter table audit_record alter column previous_hash drop not null;
alter table audit_record alter column hash drop not null;
alter table audit_record add column previous_seq bigint;
alter table audit_record add constraint audit_record_sealed_whole
    check ((hash is null) = (previous_hash is null) and (previous_seq is null or hash is not null));
alter table audit_record add constraint audit_record_previous_before check (previous_seq < seq);

-- The numbers. Cache 1: audit_seal() reads the last number handed out from the sequence itself.
create sequence audit_record_seq as bigint cache 1;
select setval('audit_record_seq', greatest(1, coalesce((select max(seq) from audit_record), 0),
        (select seq from audit_chain_head)),
    coalesce((select max(seq) from audit_record), 0) > 0 or (select seq from audit_chain_head) > 0);

-- The head is now the end of the sealed part: the last sealed record's seq, hash and time. The
-- horizon is how far the next seal may reach: the last number handed out when it was taken
-- (horizon_seq) and the id of the sealing transaction that read it, assigned just after
-- (horizon_xid); once every transaction with a smaller id has ended, no record numbered up to
-- horizon_seq can still commit.
alter table audit_chain_head add column horizon_seq bigint;
alter table audit_chain_head add column horizon_xid xid8;

-- The canonical form of a record sealed under this scheme also holds its predecessor's number.
create or replace function audit_canonical(r audit_record) returns text
    language sql immutable
as $$
    select case when r.previous_seq is null then
        jsonb_build_array(r.seq, to_char(r.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
            r.actor, r.actor_role, r.on_behalf_of, r.organization_id, r.clinic_id, r.action, r.entity_type,
            r.entity_id, r.patient_id, r.outcome, r.source_address, r.reason, r.details)::text
    else
        jsonb_build_array(r.seq, to_char(r.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
            r.actor, r.actor_role, r.on_behalf_of, r.organization_id, r.clinic_id, r.action, r.entity_type,
            r.entity_id, r.patient_id, r.outcome, r.source_address, r.reason, r.details, r.previous_seq)::text
    end
$$;

-- Appends one unsealed record in the caller's transaction; returns its sequence number. No shared
-- row is locked. The transaction's id is assigned before the number is taken: audit_seal() relies on
-- that order (a transaction holding a number up to horizon_seq has an id below horizon_xid).
create or replace function audit_append(p_actor text, p_actor_role text, p_on_behalf_of text, p_organization_id uuid,
        p_clinic_id uuid, p_action text, p_entity_type text, p_entity_id text, p_patient_id uuid,
        p_outcome text, p_source_address text, p_reason text, p_details jsonb) returns bigint
    language plpgsql
    security definer
    set search_path from current
as $$
declare
    r audit_record;
begin
    perform pg_current_xact_id();
    r.seq := nextval('audit_record_seq');
    r.recorded_at := clock_timestamp();
    r.actor := p_actor;
    r.actor_role := p_actor_role;
    r.on_behalf_of := p_on_behalf_of;
    r.organization_id := p_organization_id;
    r.clinic_id := p_clinic_id;
    r.action := p_action;
    r.entity_type := p_entity_type;
    r.entity_id := p_entity_id;
    r.patient_id := p_patient_id;
    r.outcome := p_outcome;
    r.source_address := p_source_address;
    r.reason := p_reason;
    r.details := coalesce(p_details, '{}'::jsonb);
    insert into audit_record values (r.*);
    return r.seq;
end
$$;

-- Links the committed unsealed records into the chain, in seq order, up to the horizon taken by the
-- previous call if every transaction that could still hold a number up to it has ended; then takes
-- the next horizon. Returns how many records it sealed. One sealer at a time (an advisory lock: a
-- second caller returns 0 at once). A sealed record's time is never earlier than its predecessor's
-- (if the database clock stepped back, or two appends raced between number and clock).
create function audit_seal() returns bigint
    language plpgsql
    security definer
    set search_path from current
as $$
declare
    caller_scope text := current_setting('pestle.scope', true);
    head audit_chain_head;
    r audit_record;
    prev_seq bigint;
    prev_hash bytea;
    prev_time timestamptz;
    sealed bigint := 0;
    last_taken bigint;
    taken boolean;
    own_xid xid8;
begin
    -- this transaction's id must be assigned after the sequence is read (below)
    if pg_current_xact_id_if_assigned() is not null then
        raise exception 'audit_seal() runs in a transaction of its own' using errcode = 'invalid_transaction_state';
    end if;
    if not pg_try_advisory_xact_lock(hashtextextended('pestle.audit_seal', 0)) then
        return 0;
    end if;
    -- row-level security binds the owner too: the sealer reads every record, and gives the caller's
    -- scope back at the end
    perform set_config('pestle.scope', 'system', true);
    -- the next horizon: the last number handed out, read while this transaction has no id yet; then
    -- the id is assigned (the head's row lock). A transaction holding a number up to last_taken took its
    -- id before that number, so before ours: its id is below own_xid. (Not a snapshot's xmax: that is
    -- the latest completed id + 1, and a running transaction may have a larger id.)
    select last_value, is_called into last_taken, taken from audit_record_seq;
    -- nothing to do (no number beyond the sealed part; or none beyond the horizon and no unsealed
    -- record visible, as after rolled back appends): return without taking an id (no commit to flush)
    select * into strict head from audit_chain_head;
    if not taken or last_taken <= head.seq
            or (last_taken <= coalesce(head.horizon_seq, 0)
                and not exists (select 1 from audit_record where seq > head.seq and hash is null)) then
        perform set_config('pestle.scope', coalesce(caller_scope, ''), true);
        return 0;
    end if;
    select * into strict head from audit_chain_head for update;
    own_xid := pg_current_xact_id();
    -- has every transaction that could hold a number up to the horizon ended (committed or not)?
    if head.horizon_xid is not null and pg_snapshot_xmin(pg_current_snapshot()) < head.horizon_xid then
        perform set_config('pestle.scope', coalesce(caller_scope, ''), true);
        return 0;
    end if;
    if head.horizon_seq > head.seq then
        prev_seq := head.seq;
        prev_hash := head.hash;
        prev_time := head.recorded_at;
        perform set_config('pestle.audit_sealing', 'on', true);
        for r in select * from audit_record where seq > head.seq and seq <= head.horizon_seq and hash is null
                order by seq loop
            r.recorded_at := greatest(r.recorded_at, prev_time);
            r.previous_seq := prev_seq;
            r.previous_hash := prev_hash;
            r.hash := audit_hash(prev_hash, r);
            update audit_record set recorded_at = r.recorded_at, previous_seq = r.previous_seq,
                previous_hash = r.previous_hash, hash = r.hash
            where seq = r.seq;
            prev_seq := r.seq;
            prev_hash := r.hash;
            prev_time := r.recorded_at;
            sealed := sealed + 1;
        end loop;
        perform set_config('pestle.audit_sealing', 'off', true);
        if sealed > 0 then
            update audit_chain_head set seq = prev_seq, hash = prev_hash, recorded_at = prev_time;
        end if;
    end if;
    if taken and last_taken > coalesce(head.horizon_seq, 0) then
        update audit_chain_head set horizon_seq = last_taken, horizon_xid = own_xid;
    end if;
    perform set_config('pestle.scope', coalesce(caller_scope, ''), true);
    return sealed;
end
$$;

revoke all on function audit_seal() from public;

-- Sealing is the one change to a record: from unsealed to sealed, by audit_seal() (running as the
-- owner), its content kept but for a time moved forward to its predecessor's. Everything else is
-- still refused unless the owner declares maintenance.
create or replace function audit_record_refuse_change() returns trigger
    language plpgsql
as $$
declare
    owner name := (select tableowner from pg_tables where tablename = 'audit_record' and schemaname = current_schema());
begin
    if current_user = owner and coalesce(current_setting('pestle.audit_maintenance', true), '') = 'on' then
        return case when tg_op = 'DELETE' then old else new end;
    end if;
    if tg_op = 'UPDATE' and current_user = owner
            and coalesce(current_setting('pestle.audit_sealing', true), '') = 'on'
            and old.hash is null and new.hash is not null and new.recorded_at >= old.recorded_at
            and (new.seq, new.actor, new.actor_role, new.on_behalf_of, new.organization_id, new.clinic_id,
                 new.action, new.entity_type, new.entity_id, new.patient_id, new.outcome, new.source_address,
                 new.reason, new.details)
                is not distinct from
                (old.seq, old.actor, old.actor_role, old.on_behalf_of, old.organization_id, old.clinic_id,
                 old.action, old.entity_type, old.entity_id, old.patient_id, old.outcome, old.source_address,
                 old.reason, old.details) then
        return new;
    end if;
    raise exception 'audit records are append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end
$$;

-- Retention removes a prefix of the sealed part only (recorded_at never decreases along it), and the
-- anchor is the last removed record, whatever its number.
create or replace function audit_prune(p_before timestamptz) returns bigint
    language plpgsql
    security definer
    set search_path from current
as $$
declare
    head      audit_chain_head;
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
    -- the sealer waits while the start of the chain moves
    select * into strict head from audit_chain_head for update;
    select max(seq) into last_seq from audit_record where recorded_at < p_before and seq <= head.seq;
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

-- Unsealed records: the sealer finds them from the end of the chain.
create index audit_record_unsealed on audit_record (seq) where hash is null;
