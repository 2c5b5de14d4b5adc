-- Break-glass: a user asks for temporary access to another clinic's data, with a reason; it is
-- granted at once for a bounded time, ends by itself, and a privacy officer reviews what was done
-- with it. While a grant is active, its clinic counts among the user's clinics.
create table elevated_access (
    id            uuid primary key,
    user_id       uuid not null references app_user (id),
    clinic_id     uuid not null references clinic (id),
    reason        text not null check (length(reason) between 10 and 500),
    granted_at    timestamptz not null default now(),
    expires_at    timestamptz not null,
    ended_at      timestamptz,
    review_outcome text check (review_outcome in ('APPROPRIATE', 'INAPPROPRIATE')),
    reviewed_by   text,
    reviewed_at   timestamptz
);
create index elevated_access_active_idx on elevated_access (user_id) where ended_at is null;
