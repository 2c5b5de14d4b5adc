-- Appends every audit record of a transaction in one call, just before it commits (AuditTrail's
-- AppendAtCommit): one round trip instead of one per record. Each record is appended by audit_append()
-- (V56), in the array's order, so numbers, clock and the sealer's rules are exactly those of single appends.
create function audit_append_all(p_records jsonb) returns bigint
    language plpgsql
    security definer
    set search_path from current
as $$
declare
    e jsonb;
    appended bigint := 0;
begin
    for e in select value from jsonb_array_elements(p_records) with ordinality as t(value, n) order by n loop
        perform audit_append(e->>'actor', e->>'actorRole', e->>'onBehalfOf', (e->>'organizationId')::uuid,
                (e->>'clinicId')::uuid, e->>'action', e->>'entityType', e->>'entityId', (e->>'patientId')::uuid,
                e->>'outcome', e->>'sourceAddress', e->>'reason', e->'details');
        appended := appended + 1;
    end loop;
    return appended;
end
$$;
