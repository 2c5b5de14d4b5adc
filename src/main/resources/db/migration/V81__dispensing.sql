-- dispensing: the compounding record of each preparation made (the master formulation version followed,
-- each ingredient lot and quantity, who made it and when, its control number and beyond-use date), the
-- pharmacist's final checks, and the dispense record of each order line (lots through its compounding
-- record, quantity, BUD, pharmacist, pickup). Rows carry the order's organization, clinic and patient for
-- row-level security; lot numbers and expiry dates are copied from the stock at the time they were used.

create table compounding_record (
    id                  uuid primary key,
    organization_id     uuid not null references organization (id),
    clinic_id           uuid not null references clinic (id),
    patient_id          uuid not null references patient (id),
    order_id            uuid not null references orders (id),
    order_number        bigint not null,
    line_number         integer not null check (line_number > 0),
    attempt             integer not null check (attempt > 0),
    compound_id         uuid not null,
    formulation_version integer check (formulation_version > 0),
    units               numeric(10, 2) not null check (units > 0),
    status              text not null check (status in ('DRAFT', 'COMPOUNDED', 'CHECKED', 'SENT_BACK')),
    -- why the draft has no complete proposal (NO_FORMULATION, NOT_ENOUGH_STOCK), if so
    proposal_problem    text check (proposal_problem is null or proposal_problem ~ '^[A-Z_]{1,40}$'),
    control_number      text unique,
    compounded_by       text,
    compounded_at       timestamptz,
    bud_date            date,
    bud_until           timestamptz,
    bud_rule            text,
    checked_by          text,
    checked_at          timestamptz,
    sent_back_reason    text check (sent_back_reason is null or sent_back_reason ~ '^[A-Z_]{1,40}$'),
    lot_disposition     text check (lot_disposition is null or lot_disposition in ('RETURN', 'DESTROY')),
    created_at          timestamptz not null default now(),
    unique (order_id, line_number, attempt),
    check (status = 'DRAFT' or (compounded_by is not null and compounded_at is not null and bud_date is not null
                                and control_number is not null and formulation_version is not null)),
    -- the pharmacist who checks a preparation is never the one who compounded it
    check (checked_by is null or checked_by <> compounded_by)
);
create index compounding_record_order_idx on compounding_record (order_id, attempt);

comment on column compounding_record.control_number is 'The internal control number of the preparation (label, recall)';

-- The lots of a record: the first-expiry-first-out proposal while it is a draft, what was taken once compounded.
create table compounding_ingredient (
    record_id      uuid not null references compounding_record (id) on delete cascade,
    position       integer not null check (position >= 0),
    item_id        uuid not null,
    lot_id         uuid not null,
    lot_number     text not null,
    lot_expires_on date not null,
    quantity       numeric(14, 4) not null check (quantity > 0),
    primary key (record_id, position)
);
create index compounding_ingredient_lot_idx on compounding_ingredient (lot_id);

create table final_check (
    id              bigint generated always as identity primary key,
    organization_id uuid not null references organization (id),
    clinic_id       uuid not null references clinic (id),
    patient_id      uuid not null references patient (id),
    order_id        uuid not null references orders (id),
    attempt         integer not null check (attempt > 0),
    checked_by      text not null,
    checked_at      timestamptz not null default now(),
    outcome         text not null check (outcome in ('APPROVED', 'SENT_BACK')),
    reason          text check (reason is null or reason ~ '^[A-Z_]{1,40}$'),
    lot_disposition text check (lot_disposition is null or lot_disposition in ('RETURN', 'DESTROY')),
    check (outcome = 'APPROVED' or (reason is not null and lot_disposition is not null))
);
create index final_check_order_idx on final_check (order_id, id);

create table dispense_record (
    id                    uuid primary key,
    organization_id       uuid not null references organization (id),
    clinic_id             uuid not null references clinic (id),
    patient_id            uuid not null references patient (id),
    order_id              uuid not null references orders (id),
    order_number          bigint not null,
    line_number           integer not null check (line_number > 0),
    compounding_record_id uuid not null unique references compounding_record (id),
    compound_id           uuid not null,
    quantity              numeric(10, 2) not null check (quantity > 0),
    controlled_schedule   smallint not null check (controlled_schedule in (0, 2, 3, 4, 5)),
    bud_date              date not null,
    pharmacist            text not null,
    released_at           timestamptz not null default now(),
    picked_up_by          text check (picked_up_by is null or picked_up_by ~ '^[A-Z_]{1,40}$'),
    id_document           text check (id_document is null or id_document ~ '^[A-Z_]{1,40}$'),
    pickup_recorded_by    text,
    picked_up_at          timestamptz,
    pdmp_reported_at      timestamptz,
    unique (order_id, line_number),
    check ((picked_up_at is null) = (picked_up_by is null) and (picked_up_at is null) = (pickup_recorded_by is null)),
    -- a controlled substance is handed over only after an identity check (its document is recorded)
    check (controlled_schedule = 0 or picked_up_at is null or id_document is not null)
);
create index dispense_record_patient_idx on dispense_record (patient_id, released_at desc);
create index dispense_record_controlled_idx on dispense_record (picked_up_at) where controlled_schedule <> 0
    and pdmp_reported_at is null;

alter table compounding_record enable row level security;
alter table compounding_record force row level security;
create policy compounding_record_scope on compounding_record
    using (pestle_scope_allows(clinic_id, patient_id))
    with check (pestle_scope_allows(clinic_id, patient_id));

-- The lots of a record are visible exactly when their record is.
alter table compounding_ingredient enable row level security;
alter table compounding_ingredient force row level security;
create policy compounding_ingredient_scope on compounding_ingredient
    using (exists (select 1 from compounding_record r where r.id = compounding_ingredient.record_id))
    with check (exists (select 1 from compounding_record r where r.id = compounding_ingredient.record_id));

alter table final_check enable row level security;
alter table final_check force row level security;
create policy final_check_scope on final_check
    using (pestle_scope_allows(clinic_id, patient_id))
    with check (pestle_scope_allows(clinic_id, patient_id));

alter table dispense_record enable row level security;
alter table dispense_record force row level security;
create policy dispense_record_scope on dispense_record
    using (pestle_scope_allows(clinic_id, patient_id))
    with check (pestle_scope_allows(clinic_id, patient_id));

-- The permission matrix gains what the fulfillment steps need (technicians and pharmacists compound, only
-- pharmacists final-check, pharmacy staff record pickups). A new database is seeded from
-- DefaultPermissionMatrix on first start; a matrix already in force gets these new actions' defaults only.
insert into permission_grant (role, kind, item)
select grant_to.role, 'DO', grant_to.item
from (values ('PHARMACIST', 'COMPOUND'), ('PHARMACY_TECHNICIAN', 'COMPOUND'), ('PHARMACIST', 'FINAL_CHECK'),
             ('PHARMACIST', 'RECORD_PICKUP'), ('PHARMACY_TECHNICIAN', 'RECORD_PICKUP')) as grant_to (role, item)
where exists (select 1 from permission_grant)
on conflict do nothing;
