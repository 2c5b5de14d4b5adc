-- rules: the decision tables admins edit in the console. Each version Pestle deployed, with who,
-- when, why and its full content; the tables each release shipped; drafts; saved test cases.
-- These tables hold rules, not clinic or patient data.

create table rule_table (
    decision_key   text primary key,
    resource_name  text not null unique,
    name           text not null,
    created_at     timestamptz not null default now()
);

create table rule_version (
    decision_key          text not null references rule_table (decision_key),
    version               integer not null,
    camunda_definition_id text not null unique,
    deployment_id         text not null,
    origin                text not null check (origin in ('SHIPPED', 'PUBLISHED', 'ROLLBACK')),
    dmn_xml               text not null,
    content_hash          text not null,
    comment               text not null check (length(comment) between 1 and 1000),
    created_by            text not null,
    approved_by           text,
    restored_from         integer,
    created_at            timestamptz not null default now(),
    primary key (decision_key, version)
);

-- What a release shipped for a table: applied at startup while no admin had changed the table,
-- otherwise pending until an admin merges it or keeps their own version.
create table rule_release (
    decision_key  text not null references rule_table (decision_key),
    content_hash  text not null,
    dmn_xml       text not null,
    tests_json    text,
    status        text not null check (status in ('APPLIED', 'PENDING', 'MERGED', 'KEPT_OWN')),
    seen_at       timestamptz not null default now(),
    resolved_by   text,
    resolved_at   timestamptz,
    primary key (decision_key, content_hash)
);
create unique index rule_release_one_pending_idx on rule_release (decision_key) where status = 'PENDING';

create table rule_draft (
    decision_key      text primary key references rule_table (decision_key),
    dmn_xml           text not null,
    base_version      integer not null,
    release_hash      text,
    updated_by        text not null,
    updated_at        timestamptz not null default now(),
    submitted_by      text,
    submitted_comment text check (length(submitted_comment) between 1 and 1000),
    submitted_at      timestamptz
);

create table rule_test_case (
    id            uuid primary key,
    decision_key  text not null references rule_table (decision_key),
    name          text not null check (length(name) between 1 and 200),
    inputs_json   text not null,
    expected_json text not null,
    origin        text not null check (origin in ('SHIPPED', 'ADMIN')),
    updated_by    text not null,
    updated_at    timestamptz not null default now(),
    unique (decision_key, name)
);

-- tenancy: the history of each clinic's settings (who, when, why, before and after).
create table clinic_settings_change (
    id              bigint generated always as identity primary key,
    organization_id uuid not null references organization (id),
    clinic_id       uuid not null references clinic (id),
    changed_by      text not null,
    reason          text not null check (length(reason) between 1 and 1000),
    before_json     text not null,
    after_json      text not null,
    changed_at      timestamptz not null default now()
);
create index clinic_settings_change_clinic_idx on clinic_settings_change (clinic_id, changed_at desc);
