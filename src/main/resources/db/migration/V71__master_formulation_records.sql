-- catalog: master formulation records (USP <795>), one version per change of a compound's formula.
-- A version is never changed once written: a compounding record names the version it followed, so
-- a change is a new version. Ingredients name inventory items and the quantity of each per unit of
-- the compound made (in the item's unit). The BUD category (sterile category, aqueous, preserved,
-- oral liquid) and the storage are the inputs of decisions/beyond-use-date.dmn.
-- Formulas hold no clinic or patient data; like the catalog, they carry no row-level security.

create table master_formulation (
    id               uuid primary key,
    compound_id      uuid not null references compound (id),
    version          integer not null check (version > 0),
    instructions     text not null check (length(instructions) between 1 and 4000),
    container        text not null check (length(container) between 1 and 200),
    storage          text not null check (storage in ('ROOM_TEMPERATURE', 'REFRIGERATED', 'FROZEN')),
    sterile_category text not null check (sterile_category in ('NONSTERILE', 'CATEGORY_1', 'CATEGORY_2',
                                                               'CATEGORY_3')),
    aqueous          boolean not null,
    preserved        boolean not null,
    oral_liquid      boolean not null,
    created_by       text not null,
    created_at       timestamptz not null default now(),
    unique (compound_id, version)
);

comment on column master_formulation.aqueous is 'Water activity of 0.60 or more (USP <795>)';
comment on column master_formulation.oral_liquid is 'A liquid taken by mouth (the non-aqueous oral liquid BUD)';

create table master_formulation_ingredient (
    formulation_id    uuid not null references master_formulation (id),
    position          integer not null check (position >= 0),
    item_id           uuid not null references inventory_item (id),
    quantity_per_unit numeric(14, 6) not null check (quantity_per_unit > 0),
    primary key (formulation_id, position),
    unique (formulation_id, item_id)
);

create function master_formulation_refuse_change() returns trigger
    language plpgsql
as $$
begin
    raise exception 'a master formulation version is never changed (% refused): write a new version', tg_op
        using errcode = 'insufficient_privilege';
end
$$;

create trigger master_formulation_immutable before update or delete on master_formulation
    for each row execute function master_formulation_refuse_change();
create trigger master_formulation_ingredient_immutable before update or delete on master_formulation_ingredient
    for each row execute function master_formulation_refuse_change();
