-- inventory: the stock the pharmacy compounds from. Items (11-digit NDC, DEA schedule, unit), lots
-- (lot number, expiry, supplier, received date, status) and an append-only ledger of stock
-- movements. A lot's quantity on hand is the sum of its movements; no balance is stored.
-- Stock belongs to the pharmacy, not to a clinic: row-level security lets only the pharmacy and
-- the system scope see or write these rows (pestle_scope_allows(null, null), as for V13's keyed
-- number hashes).

create table inventory_item (
    id           uuid primary key,
    ndc          char(11) not null unique check (ndc ~ '^[0-9]{11}$'),
    description  text not null check (length(description) between 1 and 200),
    dea_schedule smallint not null default 0 check (dea_schedule in (0, 2, 3, 4, 5)),
    unit         text not null check (unit in ('g', 'mL', 'each')),
    created_by   text not null,
    created_at   timestamptz not null default now()
);

comment on column inventory_item.ndc is 'NDC in the 11-digit 5-4-2 form (HIPAA/NCPDP), no dashes';
comment on column inventory_item.dea_schedule is 'DEA schedule 2 to 5, or 0 when not controlled';

create table inventory_lot (
    id               uuid primary key,
    item_id          uuid not null references inventory_item (id),
    lot_number       text not null check (length(lot_number) between 1 and 40),
    expires_on       date not null,
    supplier         text not null check (length(supplier) between 1 and 200),
    received_on      date not null,
    status           text not null default 'AVAILABLE' check (status in ('AVAILABLE', 'QUARANTINED')),
    dea_order_number text,
    supplier_dea_number char(9) check (supplier_dea_number ~ '^[A-Z][A-Z9][0-9]{7}$'),
    created_at       timestamptz not null default now(),
    unique (item_id, lot_number)
);
create index inventory_lot_item_expiry_idx on inventory_lot (item_id, expires_on);

comment on column inventory_lot.dea_order_number is
    'Schedule II receipts: the DEA Form 222 serial number or the CSOS order number';
comment on column inventory_lot.supplier_dea_number is
    'Controlled substance receipts (21 CFR 1304.22(c)): the supplier''s DEA registration number';

create table stock_movement (
    id          bigint generated always as identity primary key,
    lot_id      uuid not null references inventory_lot (id),
    kind        text not null check (kind in ('RECEIVED', 'USED_IN_COMPOUNDING', 'ADJUSTED', 'QUARANTINED',
                                               'RETURNED', 'DESTROYED')),
    quantity    numeric(14, 4) not null,
    reason      text check (reason is null or reason ~ '^[A-Z_]{1,40}$'),
    note        text check (note is null or length(note) <= 500),
    reference   text check (reference is null or length(reference) <= 100),
    actor       text not null,
    occurred_at timestamptz not null default now(),
    -- the sign of a movement follows from its kind; an adjustment says why (a coded reason)
    check (case kind
        when 'RECEIVED' then quantity > 0
        when 'RETURNED' then quantity > 0
        when 'USED_IN_COMPOUNDING' then quantity < 0
        when 'DESTROYED' then quantity < 0 and reason is not null
        when 'QUARANTINED' then quantity = 0 and reason is not null
        when 'ADJUSTED' then quantity <> 0 and reason is not null
    end)
);
create index stock_movement_lot_idx on stock_movement (lot_id, id);

comment on column stock_movement.reason is 'Coded reason of an adjustment, quarantine or destruction';
comment on column stock_movement.note is 'The pharmacist''s note on an adjustment, quarantine or destruction (kept in the ledger only)';
comment on column stock_movement.reference is 'What the stock was used for or returned from: an identifier such as a compounding record id';
comment on table stock_movement is
    'Append-only ledger: a lot''s quantity on hand is the sum of its movements (never updated or deleted)';

-- A receipt sent again with the same Idempotency-Key (a client's retry) is answered with the first
-- one's lot, never received twice.
create table stock_receipt_submission (
    received_by     text not null,
    idempotency_key text not null check (length(idempotency_key) between 1 and 255),
    request_hash    text not null,
    lot_id          uuid not null references inventory_lot (id),
    created_at      timestamptz not null default now(),
    primary key (received_by, idempotency_key)
);

create function stock_movement_refuse_change() returns trigger
    language plpgsql
as $$
begin
    raise exception 'stock movements are append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end
$$;

create trigger stock_movement_append_only before update or delete on stock_movement
    for each row execute function stock_movement_refuse_change();
create trigger stock_movement_no_truncate before truncate on stock_movement
    for each statement execute function stock_movement_refuse_change();

alter table inventory_item enable row level security;
alter table inventory_item force row level security;
create policy inventory_item_scope on inventory_item
    using (pestle_scope_allows(null, null))
    with check (pestle_scope_allows(null, null));

alter table inventory_lot enable row level security;
alter table inventory_lot force row level security;
create policy inventory_lot_scope on inventory_lot
    using (pestle_scope_allows(null, null))
    with check (pestle_scope_allows(null, null));

alter table stock_movement enable row level security;
alter table stock_movement force row level security;
create policy stock_movement_scope on stock_movement
    using (pestle_scope_allows(null, null))
    with check (pestle_scope_allows(null, null));

alter table stock_receipt_submission enable row level security;
alter table stock_receipt_submission force row level security;
create policy stock_receipt_submission_scope on stock_receipt_submission
    using (pestle_scope_allows(null, null))
    with check (pestle_scope_allows(null, null));

-- The permission matrix gains what stock needs. A new database is seeded from DefaultPermissionMatrix
-- on first start; a matrix already in force gets the shipped defaults of these new actions only.
insert into permission_grant (role, kind, item)
select grant_to.role, 'DO', grant_to.item
from (values ('PHARMACIST', 'VIEW_STOCK'), ('PHARMACY_TECHNICIAN', 'VIEW_STOCK'), ('PHARMACY_ADMIN', 'VIEW_STOCK'),
             ('PHARMACIST', 'RECEIVE_STOCK'), ('PHARMACY_TECHNICIAN', 'RECEIVE_STOCK'),
             ('PHARMACIST', 'ADJUST_STOCK')) as grant_to (role, item)
where exists (select 1 from permission_grant)
on conflict do nothing;
