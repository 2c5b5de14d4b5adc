-- pdmp: the ASAP files sent to the state's prescription drug monitoring program and the record of each
-- controlled dispense in them. The files hold PHI and are stored encrypted by the application (Tink AEAD, the
-- submission id as associated data); both tables are pharmacy-wide (visible to the pharmacy and the system
-- scope only, never to clinic users or patients).

create table pdmp_submission (
    id              uuid primary key,
    state           char(2) not null,
    reporting_day   date not null,
    kind            text not null check (kind in ('REPORT', 'ZERO')),
    control_number  text not null unique,
    file_name       text not null unique,
    file_ciphertext bytea not null,
    file_sha256     char(64) not null,
    record_count    integer not null check (record_count >= 0),
    status          text not null check (status in ('WRITTEN', 'UPLOADED', 'ACCEPTED', 'ERRORS', 'FAILED')),
    answer          text,
    created_at      timestamptz not null,
    uploaded_at     timestamptz,
    answered_at     timestamptz,
    -- one file per state and day: a zero report never covers several days, and a rerun never sends a second file
    unique (state, reporting_day),
    check ((kind = 'ZERO') = (record_count = 0))
);

comment on table pdmp_submission is 'pdmp: one ASAP 4.2 file (or zero report) per state and reporting day, encrypted';
comment on column pdmp_submission.answer is 'The state''s answer as codes (FILE_FAILED and its code), no patient data';

create table pdmp_record (
    id              uuid primary key,
    dispense_id     uuid not null,
    organization_id uuid not null references organization (id),
    clinic_id       uuid not null references clinic (id),
    patient_id      uuid not null,
    kind            text not null check (kind in ('NEW', 'REVISE', 'VOID')),
    status          text not null check (status in ('PENDING', 'BLOCKED', 'SUBMITTED', 'ACCEPTED', 'FAILED', 'CORRECTED')),
    submission_id   uuid references pdmp_submission (id),
    rx_number       text not null,
    missing_field   text,
    error_text      text,
    handed_over_at  timestamptz not null,
    due_at          timestamptz not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    check ((status = 'BLOCKED') = (missing_field is not null)),
    check (status = 'PENDING' or status = 'BLOCKED' or submission_id is not null or status = 'CORRECTED')
);

comment on table pdmp_record is 'pdmp: a controlled dispense (new, revise or void) on its way to the state PDMP';
comment on column pdmp_record.missing_field is 'The ASAP element a state requires that Pestle''s records lack (e.g. PRE02)';
comment on column pdmp_record.error_text is 'The state''s error text for this record (codes and element ids)';

-- one open new record per dispense: a rerun never reports a dispense twice
create unique index pdmp_record_one_new on pdmp_record (dispense_id) where kind = 'NEW';
create index pdmp_record_submission on pdmp_record (submission_id);
create index pdmp_record_open on pdmp_record (status) where status in ('PENDING', 'BLOCKED', 'FAILED');

alter table pdmp_submission enable row level security;
alter table pdmp_submission force row level security;
create policy pdmp_submission_scope on pdmp_submission
    using (pestle_scope_allows(null, null))
    with check (pestle_scope_allows(null, null));

alter table pdmp_record enable row level security;
alter table pdmp_record force row level security;
create policy pdmp_record_scope on pdmp_record
    using (pestle_scope_allows(null, null))
    with check (pestle_scope_allows(null, null));

-- New actions in a matrix already in force (a new database is seeded from DefaultPermissionMatrix).
insert into permission_grant (role, kind, item)
select grant_to.role, 'DO', grant_to.item
from (values ('PHARMACIST', 'VIEW_PDMP'), ('PHARMACY_ADMIN', 'VIEW_PDMP'), ('PHARMACY_ADMIN', 'DOWNLOAD_PDMP_FILE'),
             ('PHARMACIST', 'CORRECT_PDMP')) as grant_to (role, item)
where exists (select 1 from permission_grant)
on conflict do nothing;
