-- Pestle's own tables. Owned by the owner role; the app role gets DML rights in afterMigrate.sql.
-- Every table that holds clinic or patient data carries organization_id and clinic_id so that
-- row-level security can be laid over it.

-- tenancy: organizations (the pharmacy, and clinic groups), their clinics, clinic settings, prescribers
create table organization (
    id          uuid primary key,
    name        text not null,
    kind        text not null check (kind in ('PHARMACY', 'CLINIC_GROUP')),
    created_at  timestamptz not null default now()
);

create table clinic (
    id                      uuid primary key,
    organization_id         uuid not null references organization (id),
    code                    text not null unique check (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name                    text not null,
    approved_compounds_only boolean not null default true,
    created_at              timestamptz not null default now()
);
create index clinic_organization_idx on clinic (organization_id);

-- identity: one user store for the Pestle pages, the API and the Camunda webapps
create table app_user (
    id              uuid primary key,
    username        text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
    first_name      text not null,
    last_name       text not null,
    email           text not null,
    password_hash   text not null,
    organization_id uuid not null references organization (id),
    enabled         boolean not null default true,
    created_at      timestamptz not null default now()
);

create table user_role (
    user_id uuid not null references app_user (id) on delete cascade,
    role    text not null check (role in ('PHARMACIST', 'PHARMACY_TECHNICIAN', 'PHARMACY_ADMIN', 'OPERATOR',
                                          'PRESCRIBER', 'CLINIC_STAFF', 'CLINIC_ADMIN', 'PRIVACY_OFFICER')),
    primary key (user_id, role)
);

create table user_clinic (
    user_id   uuid not null references app_user (id) on delete cascade,
    clinic_id uuid not null references clinic (id),
    primary key (user_id, clinic_id)
);
create index user_clinic_clinic_idx on user_clinic (clinic_id);

create table prescriber (
    id              uuid primary key,
    user_id         uuid not null unique references app_user (id),
    organization_id uuid not null references organization (id),
    npi             char(10) not null unique check (npi ~ '^[0-9]{10}$'),
    dea_number      char(9) check (dea_number ~ '^[A-Z]{2}[0-9]{7}$')
);

-- patients (synthetic in demo and tests; field encryption comes with the patient-records capability)
create table patient (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    clinic_id       uuid not null references clinic (id),
    first_name      text not null,
    last_name       text not null,
    date_of_birth   date not null,
    phone           text,
    created_at      timestamptz not null default now()
);
create index patient_clinic_idx on patient (clinic_id);

-- catalog: compounds the pharmacy makes, and which clinics have approved which
create table compound (
    id                   uuid primary key,
    code                 text not null unique,
    name                 text not null,
    dosage_form          text not null,
    unit                 text not null,
    controlled_schedule  smallint not null default 0 check (controlled_schedule in (0, 2, 3, 4, 5)),
    price_cents          integer not null check (price_cents >= 0),
    active               boolean not null default true
);

create table clinic_compound_approval (
    clinic_id   uuid not null references clinic (id),
    compound_id uuid not null references compound (id),
    approved_at timestamptz not null default now(),
    primary key (clinic_id, compound_id)
);

-- ordering: orders with lines, the pharmacist's review trail, idempotent submissions
create sequence order_number_seq start with 1001;

create table orders (
    id               uuid primary key,
    order_number     bigint not null unique,
    organization_id  uuid not null references organization (id),
    clinic_id        uuid not null references clinic (id),
    patient_id       uuid not null references patient (id),
    prescriber_id    uuid not null references prescriber (id),
    status           text not null check (status in ('SUBMITTED', 'IN_REVIEW', 'CLARIFICATION_REQUESTED',
                                                       'REJECTED', 'AWAITING_PAYMENT')),
    status_reason    text,
    eligibility      text check (eligibility in ('accept', 'review', 'reject')),
    submitted_by     text not null,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    version          bigint not null
);
create index orders_clinic_status_idx on orders (clinic_id, status, created_at desc);
create index orders_status_idx on orders (status, created_at desc);

create table order_line (
    order_id            uuid not null references orders (id) on delete cascade,
    line_index          integer not null check (line_index >= 0),
    compound_id         uuid not null references compound (id),
    quantity            numeric(10, 2) not null check (quantity > 0),
    days_supply         integer not null check (days_supply > 0),
    sig                 text not null,
    refills_authorized  integer not null check (refills_authorized >= 0),
    status              text not null check (status in ('PENDING', 'ELIGIBLE', 'FLAGGED', 'INELIGIBLE',
                                                          'APPROVED', 'REJECTED')),
    eligibility_outcome text check (eligibility_outcome in ('accept', 'review', 'reject')),
    eligibility_reason  text,
    primary key (order_id, line_index)
);

create table order_review (
    id          bigint generated always as identity primary key,
    order_id    uuid not null references orders (id) on delete cascade,
    action      text not null check (action in ('APPROVED', 'REJECTED', 'CLARIFICATION_REQUESTED',
                                               'CLARIFICATION_ANSWERED')),
    code        text,
    actor       text not null,
    task_id     text not null,
    acted_at    timestamptz not null default now()
);
create index order_review_order_idx on order_review (order_id, acted_at);

create table order_submission (
    submitted_by    text not null,
    idempotency_key text not null check (length(idempotency_key) between 1 and 255),
    request_hash    text not null,
    order_id        uuid not null references orders (id),
    created_at      timestamptz not null default now(),
    primary key (submitted_by, idempotency_key)
);
