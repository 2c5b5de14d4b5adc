-- Wrong dates of birth given on a patient link (by a hash of the link's token): after a few, the link stops working.
create table patient_link_failure (
    token_hash text primary key,
    failures   integer not null,
    updated_at timestamptz not null default now()
);
