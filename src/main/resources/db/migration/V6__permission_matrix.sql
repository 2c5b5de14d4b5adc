-- The permission matrix as pharmacy admins set it: which data elements (READ) and actions (DO)
-- each role has. Filled with the shipped defaults on first start (DefaultPermissionMatrix);
-- from then on, the admins' version is in force.
create table permission_grant (
    role       text not null,
    kind       text not null check (kind in ('READ', 'DO')),
    item       text not null,
    primary key (role, kind, item)
);

create table permission_matrix_change (
    id         bigint generated always as identity primary key,
    role       text not null,
    changed_by text not null,
    changed_at timestamptz not null default now(),
    before     text not null,
    after      text not null
);
