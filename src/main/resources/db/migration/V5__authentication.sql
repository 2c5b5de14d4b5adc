-- Sign-in security: lockout, TOTP multi-factor, recovery codes, API tokens, and a security stamp
-- that changes whenever a user's access changes (their sessions end at their next request).

alter table app_user
    add column failed_attempts  integer not null default 0,
    add column locked_until     timestamptz,
    add column security_stamp   bigint not null default 0,
    add column totp_secret      text,
    add column totp_enrolled_at timestamptz,
    add column totp_last_step   bigint;

create table recovery_code (
    user_id   uuid not null references app_user (id) on delete cascade,
    code_hash text not null,
    used_at   timestamptz,
    primary key (user_id, code_hash)
);

create table api_token (
    id           uuid primary key,
    user_id      uuid not null references app_user (id) on delete cascade,
    name         text not null check (length(name) between 1 and 100),
    token_hash   text not null unique,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index api_token_user_idx on api_token (user_id);

-- Any change of a user's roles, clinics, enablement or password moves the stamp on.
create function bump_security_stamp() returns trigger language plpgsql as $$
begin
    if tg_table_name = 'app_user' then
        new.security_stamp := old.security_stamp + 1;
        return new;
    end if;
    update app_user set security_stamp = security_stamp + 1
     where id = case when tg_op = 'DELETE' then old.user_id else new.user_id end;
    return null;
end
$$;

create trigger app_user_access_changed before update of enabled, password_hash, totp_secret on app_user
    for each row when (old.enabled is distinct from new.enabled
                       or old.password_hash is distinct from new.password_hash
                       or old.totp_secret is distinct from new.totp_secret)
    execute function bump_security_stamp();
create trigger user_role_changed after insert or delete or update on user_role
    for each row execute function bump_security_stamp();
create trigger user_clinic_changed after insert or delete or update on user_clinic
    for each row execute function bump_security_stamp();
