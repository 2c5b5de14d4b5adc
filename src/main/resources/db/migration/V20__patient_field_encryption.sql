-- Patient records with application-level field encryption (patients module, docs/patients.md).
-- Each designated field is AES-256-GCM ciphertext (Google Tink, key id in its first five bytes),
-- bound to table, column and row id by associated data. Keys live outside the database.
-- Exact-match lookup goes through keyed blind-index tokens (HMAC-SHA256, truncated to 128 bits,
-- salted with the organization id). V21 encrypts rows written before this version, V22 drops the
-- plaintext columns.
alter table patient
    add column first_name_ct     bytea,
    add column last_name_ct      bytea,
    add column date_of_birth_ct  bytea,
    add column phone_ct          bytea,
    add column address_ct        bytea,
    add column allergies_ct      bytea,
    add column clinical_notes_ct bytea,
    add column name_bidx         bytea,
    add column date_of_birth_bidx bytea,
    add column phone_bidx        bytea,
    add column aead_key_id       integer,
    add column bidx_key_id       integer,
    add column created_by        text,
    add column updated_at        timestamptz not null default now(),
    add column version           bigint not null default 0;

create index patient_name_bidx_idx on patient (name_bidx);
create index patient_date_of_birth_bidx_idx on patient (date_of_birth_bidx);
create index patient_phone_bidx_idx on patient (phone_bidx);

-- Key rotation: one row per rotation, its progress committed with every batch so that a crash or
-- a restart resumes where it stopped. Identifiers and counts only.
create table patient_key_rotation (
    id                  uuid primary key,
    state               text not null check (state in ('RUNNING', 'FINISHED')),
    started_by          text not null,
    started_at          timestamptz not null default now(),
    finished_at         timestamptz,
    target_aead_key_id  integer not null,
    target_bidx_key_id  integer not null,
    rows_total          bigint not null,
    rows_rewritten      bigint not null default 0,
    batches             integer not null default 0,
    passes              integer not null default 1,
    cursor_id           uuid,
    worker              text,
    lease_until         timestamptz,
    retired_aead_key_ids integer[] not null default '{}',
    retired_bidx_key_ids integer[] not null default '{}',
    updated_at          timestamptz not null default now()
);
-- At most one rotation runs at a time.
create unique index patient_key_rotation_running_idx on patient_key_rotation (state) where state = 'RUNNING';
