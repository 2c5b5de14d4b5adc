-- Row-level security: tables holding clinic or patient data show a transaction only the rows of
-- its scope. The scope is set by the application at the start of every transaction as
-- transaction-local settings (ScopedTransactionManager, DataScope):
--   pestle.scope       none | clinics | pharmacy | patient | system
--   pestle.clinic_ids  comma-separated clinic ids (clinics scope)
--   pestle.patient_id  the patient (patient scope)
--   pestle.actor       who acts: a username or system:<what>
-- No scope (a missing or unknown setting) sees nothing. The policies are FORCEd, so they hold for
-- the owner too; the app role owns nothing and has NOBYPASSRLS.

create function pestle_scope_allows(row_clinic_id uuid, row_patient_id uuid) returns boolean
    language sql stable
as $$
    select case coalesce(current_setting('pestle.scope', true), '')
        when 'system' then true
        when 'pharmacy' then true
        when 'clinics' then row_clinic_id = any (
            string_to_array(nullif(current_setting('pestle.clinic_ids', true), ''), ',')::uuid[])
        when 'patient' then row_patient_id is not null
            and row_patient_id = nullif(current_setting('pestle.patient_id', true), '')::uuid
        else false
    end
$$;

comment on function pestle_scope_allows(uuid, uuid) is
    'Row-level security: whether the transaction''s scope (pestle.scope) reaches a row of this clinic and patient';

alter table patient enable row level security;
alter table patient force row level security;
create policy patient_scope on patient
    using (pestle_scope_allows(clinic_id, id))
    with check (pestle_scope_allows(clinic_id, id));

alter table orders enable row level security;
alter table orders force row level security;
create policy orders_scope on orders
    using (pestle_scope_allows(clinic_id, patient_id))
    with check (pestle_scope_allows(clinic_id, patient_id));

-- Tables that belong to an order are visible exactly when their order is (the subquery on orders
-- is itself filtered by orders_scope).
alter table order_line enable row level security;
alter table order_line force row level security;
create policy order_line_scope on order_line
    using (exists (select 1 from orders o where o.id = order_line.order_id))
    with check (exists (select 1 from orders o where o.id = order_line.order_id));

alter table order_review enable row level security;
alter table order_review force row level security;
create policy order_review_scope on order_review
    using (exists (select 1 from orders o where o.id = order_review.order_id))
    with check (exists (select 1 from orders o where o.id = order_review.order_id));

alter table order_submission enable row level security;
alter table order_submission force row level security;
create policy order_submission_scope on order_submission
    using (exists (select 1 from orders o where o.id = order_submission.order_id))
    with check (exists (select 1 from orders o where o.id = order_submission.order_id));
