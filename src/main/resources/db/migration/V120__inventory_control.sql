-- Inventory control and the controlled-substance record (issue 18): par levels and purchase orders,
-- returns to the wholesaler, reconciliations of Schedule II stock against a physical count and their
-- investigations, the biennial inventory, and destruction with a witness. All of it is the
-- pharmacy's: row-level security lets only the pharmacy and the system scope see or write it
-- (pestle_scope_allows(null, null), as for the stock itself in V70). Counts, reconciliations,
-- investigations, return steps and destructions are append-only, like the ledger.

-- Stock that goes back to the wholesaler leaves the lot as a movement of its own.
do $$
declare
    constraint_name text;
begin
    for constraint_name in
        select c.conname from pg_constraint c
        where c.conrelid = 'stock_movement'::regclass and c.contype = 'c'
          and pg_get_constraintdef(c.oid) like '%kind%'
    loop
        execute format('alter table stock_movement drop constraint %I', constraint_name);
    end loop;
end
$$;
alter table stock_movement add constraint stock_movement_kind_check check (kind in (
    'RECEIVED', 'USED_IN_COMPOUNDING', 'ADJUSTED', 'QUARANTINED', 'RETURNED', 'DESTROYED', 'RETURNED_TO_SUPPLIER'));
alter table stock_movement add constraint stock_movement_sign_check check (case kind
    when 'RECEIVED' then quantity > 0
    when 'RETURNED' then quantity > 0
    when 'USED_IN_COMPOUNDING' then quantity < 0
    -- as V83: a destroyed preparation's ingredient lot carries no quantity (its compounding debit stands)
    when 'DESTROYED' then reason is not null and (quantity < 0 or (quantity = 0 and reference is not null))
    when 'QUARANTINED' then quantity = 0 and reason is not null
    when 'ADJUSTED' then quantity <> 0 and reason is not null
    when 'RETURNED_TO_SUPPLIER' then quantity < 0 and reference is not null
end);

create function inventory_record_refuse_change() returns trigger
    language plpgsql
as $$
begin
    raise exception '% rows are append-only (% refused)', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end
$$;

-- Par level and reorder point per item, as staff set them: the latest row is in force.
create table stock_par_level (
    id            bigint generated always as identity primary key,
    item_id       uuid not null references inventory_item (id),
    par_level     numeric(14, 4) not null check (par_level > 0),
    reorder_point numeric(14, 4) not null check (reorder_point >= 0),
    wholesaler    text not null check (length(wholesaler) between 1 and 200),
    set_by        text not null,
    set_at        timestamptz not null default now(),
    check (reorder_point < par_level)
);
create index stock_par_level_item_idx on stock_par_level (item_id, id desc);
comment on table stock_par_level is 'Par levels per item; append-only, the latest row per item is in force';

create table purchase_order (
    id          uuid primary key,
    wholesaler  text not null check (length(wholesaler) between 1 and 200),
    status      text not null default 'OPEN' check (status in ('OPEN', 'RECEIVED')),
    created_by  text not null,
    created_at  timestamptz not null default now(),
    received_by text,
    received_at timestamptz,
    check ((status = 'RECEIVED') = (received_at is not null))
);

create table purchase_order_line (
    order_id          uuid not null references purchase_order (id),
    line_number       smallint not null check (line_number > 0),
    item_id           uuid not null references inventory_item (id),
    quantity_ordered  numeric(14, 4) not null check (quantity_ordered > 0),
    quantity_received numeric(14, 4) check (quantity_received >= 0),
    primary key (order_id, line_number),
    unique (order_id, item_id)
);
comment on column purchase_order_line.quantity_received is
    'Set once, when the order is received: less than ordered is a short shipment, more an over shipment';

-- A POST sent again with the same Idempotency-Key (a client's retry) is answered with what the first one
-- created, never created twice: purchase orders, reconciliations, biennial inventories, returns, destructions.
create table inventory_submission (
    submitted_by    text not null,
    idempotency_key text not null check (length(idempotency_key) between 1 and 255),
    kind            text not null check (kind ~ '^[a-z-]{1,40}$'),
    request_hash    text not null,
    entity_id       uuid not null,
    created_at      timestamptz not null default now(),
    primary key (submitted_by, kind, idempotency_key)
);

-- Returns to the wholesaler (processes/return-to-wholesaler.bpmn) and each of their steps.
create table wholesaler_return (
    id           uuid primary key,
    lot_id       uuid not null references inventory_lot (id),
    quantity     numeric(14, 4) not null check (quantity > 0),
    wholesaler   text not null check (length(wholesaler) between 1 and 200),
    reason       text not null check (reason in ('EXPIRED', 'SHORT_DATED', 'OVERSTOCK', 'RECALLED', 'DAMAGED')),
    dea_schedule smallint not null,
    requested_by text not null,
    created_at   timestamptz not null default now()
);

create table wholesaler_return_step (
    id                   bigint generated always as identity primary key,
    return_id            uuid not null references wholesaler_return (id),
    step                 text not null check (step in ('PICKED', 'PACKED', 'SHIPPED', 'CREDITED', 'DENIED')),
    actor                text not null,
    authorization_number text check (authorization_number ~ '^[A-Za-z0-9-]{1,40}$'),
    dea_form_222_number  text check (dea_form_222_number ~ '^[A-Za-z0-9-]{1,40}$'),
    credit_amount        numeric(12, 2) check (credit_amount >= 0),
    denial_reason        text check (denial_reason ~ '^[A-Z_]{1,40}$'),
    occurred_at          timestamptz not null default now(),
    unique (return_id, step),
    check (step <> 'PACKED' or authorization_number is not null),
    check (step <> 'CREDITED' or credit_amount is not null),
    check (step <> 'DENIED' or denial_reason is not null)
);

-- Controlled-substance reconciliations: the ledger's numbers for a period against a physical count.
create table controlled_reconciliation (
    id            uuid primary key,
    item_id       uuid not null references inventory_item (id),
    period_start  timestamptz not null,
    period_end    timestamptz not null check (period_end > period_start),
    opening       numeric(14, 4) not null,
    received      numeric(14, 4) not null,
    dispensed     numeric(14, 4) not null,
    destroyed     numeric(14, 4) not null,
    returned      numeric(14, 4) not null,
    adjusted      numeric(14, 4) not null,
    expected      numeric(14, 4) not null,
    counted       numeric(14, 4) not null check (counted >= 0),
    variance      numeric(14, 4) not null,
    counted_by    text not null,
    -- the ledger movements of the period: after opening_through_movement_id, up to through_movement_id
    opening_through_movement_id bigint not null,
    through_movement_id         bigint not null check (through_movement_id >= opening_through_movement_id),
    created_at    timestamptz not null default now(),
    check (expected = opening + received - dispensed - destroyed - returned + adjusted),
    check (variance = counted - expected)
);
create index controlled_reconciliation_item_idx on controlled_reconciliation (item_id, period_end desc);

create table controlled_investigation (
    reconciliation_id      uuid primary key references controlled_reconciliation (id),
    outcome                text not null check (outcome in ('COUNTING_ERROR', 'BREAKAGE', 'THEFT', 'LOSS')),
    dea_form_106_reference text check (dea_form_106_reference ~ '^[A-Za-z0-9-]{1,40}$'),
    investigated_by        text not null,
    closed_at              timestamptz not null default now(),
    check (outcome not in ('THEFT', 'LOSS') or dea_form_106_reference is not null)
);
comment on column controlled_investigation.dea_form_106_reference is
    'Theft or significant loss: the reference of the DEA Form 106 filed (21 CFR 1301.76(b))';

-- The biennial inventory (21 CFR 1304.11): one count of every controlled item, kept at least 2 years.
create table biennial_inventory (
    id         uuid primary key,
    taken_on   date not null,
    taken_at   text not null check (taken_at in ('OPENING', 'CLOSE')),
    taken_by   text not null,
    created_at timestamptz not null default now()
);

create table biennial_inventory_line (
    inventory_id    uuid not null references biennial_inventory (id),
    line_number     smallint not null check (line_number > 0),
    item_id         uuid not null references inventory_item (id),
    lot_id          uuid references inventory_lot (id),
    dea_schedule    smallint not null check (dea_schedule between 2 and 5),
    container       text not null check (container in ('SEALED', 'OPEN')),
    count_kind      text not null check (count_kind in ('EXACT', 'ESTIMATE')),
    quantity        numeric(14, 4) not null check (quantity >= 0),
    ledger_quantity numeric(14, 4) not null,
    expired         boolean not null,
    primary key (inventory_id, line_number),
    -- an estimate only for an open container of Schedule III to V (21 CFR 1304.11(e)(3))
    check (count_kind = 'EXACT' or (container = 'OPEN' and dea_schedule >= 3))
);

-- Destruction of controlled stock: asked by one person, witnessed by another, and only then out of the ledger.
create table controlled_destruction (
    id           uuid primary key,
    lot_id       uuid not null references inventory_lot (id),
    quantity     numeric(14, 4) not null check (quantity > 0),
    reason       text not null check (reason ~ '^[A-Z_]{1,40}$'),
    method       text not null check (method in ('REVERSE_DISTRIBUTOR', 'ON_SITE_NON_RETRIEVABLE')),
    destroyed_by text not null,
    created_at   timestamptz not null default now()
);

create table controlled_destruction_witness (
    destruction_id uuid primary key references controlled_destruction (id),
    witnessed_by   text not null,
    movement_id    bigint not null references stock_movement (id),
    witnessed_at   timestamptz not null default now()
);

do $$
declare
    t text;
begin
    foreach t in array array['stock_par_level', 'purchase_order', 'purchase_order_line', 'inventory_submission',
                             'wholesaler_return', 'wholesaler_return_step', 'controlled_reconciliation',
                             'controlled_investigation', 'biennial_inventory', 'biennial_inventory_line',
                             'controlled_destruction', 'controlled_destruction_witness']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy %I on %I using (pestle_scope_allows(null, null)) '
                       'with check (pestle_scope_allows(null, null))', t || '_scope', t);
    end loop;
    foreach t in array array['stock_par_level', 'wholesaler_return', 'wholesaler_return_step',
                             'controlled_reconciliation', 'controlled_investigation', 'biennial_inventory',
                             'biennial_inventory_line', 'controlled_destruction', 'controlled_destruction_witness']
    loop
        execute format('create trigger %I before update or delete on %I for each row '
                       'execute function inventory_record_refuse_change()', t || '_append_only', t);
        execute format('create trigger %I before truncate on %I for each statement '
                       'execute function inventory_record_refuse_change()', t || '_no_truncate', t);
    end loop;
end
$$;

-- The permission matrix gains ordering stock and counting controlled substances.
insert into permission_grant (role, kind, item)
select grant_to.role, 'DO', grant_to.item
from (values ('PHARMACIST', 'ORDER_STOCK'), ('PHARMACY_TECHNICIAN', 'ORDER_STOCK'), ('PHARMACY_ADMIN', 'ORDER_STOCK'),
             ('PHARMACIST', 'COUNT_CONTROLLED'), ('PHARMACY_ADMIN', 'COUNT_CONTROLLED')) as grant_to (role, item)
where exists (select 1 from permission_grant)
on conflict do nothing;
