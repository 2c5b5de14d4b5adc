-- refills: one row per dispensed order line, the refill reminder process that follows it (timed by
-- decisions/refill-reminder-timing.dmn), what the patient answered and the refill order it led to. Rows carry
-- the organization, clinic and patient of the dispense for row-level security. No phone numbers, no names.
create table refill (
    id                  uuid primary key,
    organization_id     uuid not null references organization (id),
    clinic_id           uuid not null references clinic (id),
    patient_id          uuid not null references patient (id),
    -- the prescription: the first order of the chain, whose date the expiry counts from
    prescription_order_id uuid not null references orders (id),
    prescription_line   integer not null check (prescription_line > 0),
    prescribed_at       timestamptz not null,
    -- the fill this reminder follows: the original order or an earlier refill
    dispensed_order_id  uuid not null references orders (id),
    dispensed_order_number bigint not null,
    dispensed_line      integer not null check (dispensed_line > 0),
    dispense_id         uuid not null unique,
    compound_id         uuid not null,
    controlled_schedule smallint not null check (controlled_schedule in (0, 2, 3, 4, 5)),
    maintenance         boolean not null,
    days_supply         integer not null check (days_supply > 0),
    refills_authorized  integer not null check (refills_authorized >= 0),
    -- the number the next refill would have (1 for the first refill) and how many are left before it
    refill_number       integer not null check (refill_number > 0),
    refills_left        integer not null check (refills_left >= 0),
    dispensed_at        timestamptz not null,
    runs_out_on         date not null,
    reminder_due_at     timestamptz,
    state               text not null check (state in ('SCHEDULED', 'REMINDED', 'REMINDED_AGAIN', 'ORDERED',
                                                       'REFUSED', 'RENEWAL_REQUESTED', 'OPTED_OUT', 'PAUSED',
                                                       'NO_ANSWER', 'ADHERENCE_CALL', 'CLOSED')),
    state_reason        text check (state_reason is null or state_reason ~ '^[A-Z_0-9]{1,40}$'),
    reminders_sent      integer not null default 0,
    answered_at         timestamptz,
    answered_via        text check (answered_via is null or answered_via in ('SMS', 'PATIENT_PAGE')),
    refill_order_id     uuid references orders (id),
    process_instance_id text,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);
create index refill_patient_idx on refill (patient_id, runs_out_on);
create index refill_clinic_idx on refill (clinic_id, state);

alter table refill enable row level security;
alter table refill force row level security;
create policy refill_scope on refill
    using (pestle_scope_allows(clinic_id, patient_id))
    with check (pestle_scope_allows(clinic_id, patient_id));

-- ordering: a refill order names the prescription (order and line) it refills and its refill number.
alter table orders add column refill_of_order_id uuid references orders (id);
alter table orders add column refill_of_line integer check (refill_of_line is null or refill_of_line > 0);
alter table orders add column refill_number integer check (refill_number is null or refill_number > 0);
alter table orders add constraint orders_refill_complete check (
    (refill_of_order_id is null) = (refill_of_line is null) and (refill_of_order_id is null) = (refill_number is null));
create unique index orders_refill_once_idx on orders (refill_of_order_id, refill_of_line, refill_number)
    where refill_of_order_id is not null;

-- catalog: whether a compound is a maintenance medication (an unanswered refill reminder then leads to an
-- adherence call); decisions/refill-reminder-timing.dmn reads it too.
alter table compound add column maintenance boolean not null default false;
