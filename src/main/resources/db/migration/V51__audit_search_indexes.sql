-- Search on a large audit trail (measured by AuditTrailBenchmark, docs/audit.md): every filter
-- answers its newest-first page from an index, also under row-level security.

-- Role: membership in the comma-separated actor_role. Row-level security lets PostgreSQL take only
-- leakproof conditions to an index (array operators are not), so AuditSearch looks up the few
-- distinct actor_role values that hold the role (a loose index scan on this index) and asks for
-- actor_role = any (those values). With the action in the index, "what did this role do" (role and
-- action) is answered from it too, also when the answer is nothing; the statistics tell the planner
-- which roles perform which actions (they are far from independent).
create index audit_record_role on audit_record (actor_role, action, seq);
create statistics audit_record_role_action (mcv) on actor_role, action from audit_record;

-- Outcome: denied and failed are rare; (outcome, seq) gives their newest first directly.
create index audit_record_outcome on audit_record (outcome, seq);

-- Time: recorded_at never decreases along the chain (audit_append below), so a time range is one
-- contiguous range of sequence numbers, whose ends AuditSearch finds on (recorded_at, seq); the page
-- is then read backwards along the primary key (or the other filter's (column, seq) index).
drop index audit_record_time;
create index audit_record_time on audit_record (recorded_at, seq);

-- The head remembers the last record's time so that the next one is never earlier (if the database
-- clock steps back, records keep their predecessor's time until it catches up).
alter table audit_chain_head add column recorded_at timestamptz;
update audit_chain_head h set recorded_at = (select r.recorded_at from audit_record r where r.seq = h.seq);

create or replace function audit_append(p_actor text, p_actor_role text, p_on_behalf_of text, p_organization_id uuid,
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
    r.recorded_at := greatest(clock_timestamp(), head.recorded_at);
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
    update audit_chain_head set seq = r.seq, hash = r.hash, recorded_at = r.recorded_at;
    return r.seq;
end
$$;
