-- The audit trail: one row per sensitive action, append-only for the application's role, and
-- hash-chained so that an edited, deleted or inserted row is detected by walking the chain.
--
-- Each row's hash is SHA-256(previous row's hash || UTF-8 of audit_canonical(row)); the first row's
-- previous hash is 32 zero bytes. Appends go through audit_append(), which locks the single row of
-- audit_chain_head, so concurrent writers queue and the chain stays linear; the head commits (or
-- rolls back) with the record, in the caller's transaction. The time comes from the database clock.

create table audit_record (
    seq             bigint primary key,
    recorded_at     timestamptz not null,
    actor           text not null,
    actor_role      text,
    on_behalf_of    text,
    organization_id uuid,
    clinic_id       uuid,
    action          text not null,
    entity_type     text,
    entity_id       text,
    patient_id      uuid,
    outcome         text not null check (outcome in ('success', 'denied', 'failed')),
    source_address  text,
    reason          text,
    details         jsonb not null default '{}'::jsonb,
    previous_hash   bytea not null check (length(previous_hash) = 32),
    hash            bytea not null check (length(hash) = 32)
);

comment on table audit_record is
    'Audit trail: who did what to which entity and patient, when; append-only, hash-chained, kept at least six years';

create index audit_record_actor on audit_record (actor, seq);
create index audit_record_action on audit_record (action, seq);
create index audit_record_entity on audit_record (entity_type, entity_id, seq);
create index audit_record_patient on audit_record (patient_id, seq) where patient_id is not null;
create index audit_record_clinic on audit_record (clinic_id, seq);
create index audit_record_time on audit_record (recorded_at);

-- The end of the chain: the last sequence number and hash. One row, locked by every append.
create table audit_chain_head (
    id   boolean primary key default true check (id),
    seq  bigint not null,
    hash bytea not null
);
insert into audit_chain_head (id, seq, hash) values (true, 0, decode(repeat('00', 32), 'hex'));

-- The canonical form that is hashed: a JSON array of every field but the hashes (jsonb renders it
-- deterministically, details with sorted keys; the time in UTC with microseconds).
create function audit_canonical(r audit_record) returns text
    language sql immutable
as $$
    select jsonb_build_array(r.seq, to_char(r.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        r.actor, r.actor_role, r.on_behalf_of, r.organization_id, r.clinic_id, r.action, r.entity_type,
        r.entity_id, r.patient_id, r.outcome, r.source_address, r.reason, r.details)::text
$$;

create function audit_hash(previous bytea, r audit_record) returns bytea
    language sql immutable
as $$
    select sha256(previous || convert_to(audit_canonical(r), 'UTF8'))
$$;

-- Appends one record at the end of the chain, in the caller's transaction; returns its sequence number.
-- It runs as the owner (security definer): the app role may neither insert into audit_record nor
-- move audit_chain_head itself (afterMigrate.sql revokes that), so every record it writes gets the
-- database's time, the next sequence number and a correct link. Row-level security still applies.
create function audit_append(p_actor text, p_actor_role text, p_on_behalf_of text, p_organization_id uuid,
        p_clinic_id uuid, p_action text, p_entity_type text, p_entity_id text, p_patient_id uuid,
        p_outcome text, p_source_address text, p_reason text, p_details jsonb) returns bigint
    language plpgsql
    security definer
    set search_path from current
as $$
declare
    head audit_chain_head;
    r audit_record;
begin
    select * into strict head from audit_chain_head for update;
    r.seq := head.seq + 1;
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
    r.previous_hash := head.hash;
    r.hash := audit_hash(head.hash, r);
    insert into audit_record values (r.*);
    update audit_chain_head set seq = r.seq, hash = r.hash;
    return r.seq;
end
$$;

-- Nobody changes or removes a record, the owner included, unless the owner declares maintenance
-- in its own transaction (set local pestle.audit_maintenance = 'on'), e.g. for archiving records
-- older than the retention period. Tampering that way is what the chain verification detects.
create function audit_record_refuse_change() returns trigger
    language plpgsql
as $$
begin
    if session_user = (select tableowner from pg_tables where tablename = 'audit_record' and schemaname = current_schema())
            and coalesce(current_setting('pestle.audit_maintenance', true), '') = 'on' then
        return case when tg_op = 'DELETE' then old else new end;
    end if;
    raise exception 'audit records are append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_record_append_only before update or delete on audit_record
    for each row execute function audit_record_refuse_change();
create trigger audit_record_no_truncate before truncate on audit_record
    for each statement execute function audit_record_refuse_change();

-- Row-level security: pharmacy-side users and the system read every record, clinic-side users the
-- records of their clinics, a patient scope and a transaction without a scope none. Every
-- transaction may append, whatever its scope (the record is evidence of what it did, and the app
-- role can append only through audit_append).
alter table audit_record enable row level security;
alter table audit_record force row level security;
create policy audit_record_read on audit_record for select
    using (pestle_scope_allows(clinic_id, null));
create policy audit_record_append on audit_record for insert
    with check (true);
-- Only the owner's declared maintenance gets past the grants and the trigger; it sees what it reads.
create policy audit_record_maintenance_update on audit_record for update
    using (pestle_scope_allows(clinic_id, null));
create policy audit_record_maintenance_delete on audit_record for delete
    using (pestle_scope_allows(clinic_id, null));
