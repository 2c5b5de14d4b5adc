-- Drug recalls (module recall): an openFDA enforcement record confirmed by a pharmacist, the lots it
-- concerns, and every patient who received one of them (directly or as an ingredient of a compounded
-- preparation). The FDA record is public data; the patients' rows are clinic data under row-level security.

create table recall (
    id                  uuid primary key,
    recall_number       text not null check (length(recall_number) between 1 and 40),
    -- the recall number with its sequence zero-padded (D-609-2013 and D-0609-2013 are one recall)
    recall_key          text not null unique check (recall_key ~ '^[A-Z0-9-]{1,40}$'),
    classification      text check (classification in ('I', 'II', 'III')),
    fda_status          text check (fda_status is null or length(fda_status) <= 40),
    recalling_firm      text check (recalling_firm is null or length(recalling_firm) <= 300),
    product_description text check (product_description is null or length(product_description) <= 4000),
    code_info           text check (code_info is null or length(code_info) <= 20000),
    record              jsonb not null,
    status              text not null default 'OPEN' check (status in ('OPEN', 'CLOSED')),
    contact_due         text check (contact_due is null or contact_due ~ '^P[0-9A-Z]+$'),
    call_as_well        boolean,
    prescriber_first    boolean,
    confirmed_by        text not null,
    confirmed_at        timestamptz not null default now(),
    process_instance_id text,
    closed_at           timestamptz,
    check ((status = 'CLOSED') = (closed_at is not null))
);
comment on table recall is 'A recall a pharmacist confirmed from an openFDA drug/enforcement record (public FDA data)';

-- The lots a recall concerns: those the parser matched and the pharmacist kept, and those added or
-- removed by hand (with the reason). Pharmacy-wide data, like stock.
create table recall_lot (
    recall_id        uuid not null references recall (id),
    lot_id           uuid not null references inventory_lot (id),
    lot_number       text not null check (length(lot_number) between 1 and 40),
    item_id          uuid not null,
    included         boolean not null,
    by_hand          boolean not null default false,
    hand_reason      text check (hand_reason is null or length(hand_reason) between 1 and 500),
    on_hand_at_quarantine numeric(14, 4),
    removal          text check (removal in ('RETURN_TO_SUPPLIER', 'DESTROY')),
    removed_quantity numeric(14, 4),
    removed_by       text,
    removed_at       timestamptz,
    primary key (recall_id, lot_id),
    check (not by_hand or hand_reason is not null),
    check ((removal is null) = (removed_at is null))
);

-- Every patient concerned, with how they were told and whether they were reached (a coded outcome).
create table recall_patient (
    recall_id          uuid not null references recall (id),
    patient_id         uuid not null,
    organization_id    uuid not null,
    clinic_id          uuid not null,
    prescriber_id      uuid,
    dispense_ids       uuid[] not null,
    order_ids          uuid[] not null,
    text_message_id    uuid,
    text_status        text check (text_status in ('QUEUED', 'NO_CONSENT')),
    prescriber_notified_at timestamptz,
    escalated_at       timestamptz,
    outcome            text check (outcome in ('REACHED_PATIENT', 'REACHED_CAREGIVER', 'NOT_REACHED_NO_ANSWER',
                                               'NOT_REACHED_WRONG_NUMBER', 'NOT_REACHED_NO_CONTACT_DETAILS',
                                               'NOT_REACHED_DECEASED')),
    resolved_by        text,
    resolved_at        timestamptz,
    primary key (recall_id, patient_id),
    check ((outcome is null) = (resolved_at is null))
);
create index recall_patient_patient_idx on recall_patient (patient_id);

alter table recall enable row level security;
alter table recall force row level security;
-- the pharmacy sees every recall; a clinic user only those touching their clinics' patients
create policy recall_scope on recall
    using (pestle_scope_allows(null, null)
           or exists (select 1 from recall_patient p where p.recall_id = recall.id))
    with check (pestle_scope_allows(null, null));

alter table recall_lot enable row level security;
alter table recall_lot force row level security;
create policy recall_lot_scope on recall_lot
    using (pestle_scope_allows(null, null))
    with check (pestle_scope_allows(null, null));

alter table recall_patient enable row level security;
alter table recall_patient force row level security;
create policy recall_patient_scope on recall_patient
    using (pestle_scope_allows(clinic_id, patient_id))
    with check (pestle_scope_allows(clinic_id, patient_id));

-- The permission matrix gains the recall's actions. A new database is seeded from DefaultPermissionMatrix
-- on first start; a matrix already in force gets these new actions' defaults only.
insert into permission_grant (role, kind, item)
select grant_to.role, 'DO', grant_to.item
from (values ('PHARMACIST', 'MANAGE_RECALLS'), ('PHARMACIST', 'VIEW_RECALLS'),
             ('PHARMACY_TECHNICIAN', 'VIEW_RECALLS'), ('PHARMACY_ADMIN', 'VIEW_RECALLS'),
             ('PRIVACY_OFFICER', 'VIEW_RECALLS'), ('PRESCRIBER', 'VIEW_RECALLS'), ('CLINIC_STAFF', 'VIEW_RECALLS'),
             ('CLINIC_ADMIN', 'VIEW_RECALLS')) as grant_to (role, item)
where exists (select 1 from permission_grant)
on conflict do nothing;
