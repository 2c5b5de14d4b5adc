-- Team invites: a clinic admin invites staff by a single-use link that expires; only a hash of the
-- link's token is stored. The invitee sets a username and password, then enrolls MFA at first sign-in.
create table invite (
    id              uuid primary key,
    token_hash      text not null unique,
    organization_id uuid not null references organization (id),
    clinic_id       uuid not null references clinic (id),
    role            text not null check (role in ('CLINIC_STAFF', 'CLINIC_ADMIN')),
    email           text not null,
    first_name      text not null,
    last_name       text not null,
    invited_by      text not null,
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    used_at         timestamptz,
    used_by         uuid references app_user (id)
);
