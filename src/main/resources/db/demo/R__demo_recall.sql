-- Demo data for the recall walk-through (embedded default and tests): a bulk ingredient whose NDC and lot
-- number are those of a real openFDA enforcement record in the shared samples (D-0488-2026, Class III,
-- Avantor magnesium chloride 6-hydrate, NDC 10106-2448-1, lot 23G3161005, exp 9/21/2027), and a compound
-- made from it that Northside may order. Ordering it (README, "Walk-through: a drug recall") dispenses the
-- lot, so that importing D-0488-2026 finds the demo patient. Repeatable and idempotent. The formula is an
-- illustration for the demo, not a validated compounding instruction.
select set_config('pestle.scope', 'system', true), set_config('pestle.actor', 'system:demo-data', true);

insert into compound (id, code, name, dosage_form, unit, controlled_schedule, price_cents) values
  ('00000000-0000-4000-8000-0000000000f7', 'MAGNESIUM-CL-SOLN', 'Magnesium chloride 200 mg/mL oral solution', 'solution', 'mL', 0, 10)
on conflict do nothing;

insert into clinic_compound_approval (clinic_id, compound_id) values
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000f7')
on conflict do nothing;

insert into inventory_item (id, ndc, description, dea_schedule, unit, created_by) values
  ('00000000-0000-4000-8000-000000000116', '10106244801', 'Magnesium chloride 6-hydrate, crystal, bulk API (500 g)', 0, 'g', 'system:demo-data')
on conflict do nothing;

with inserted as (
  insert into inventory_lot (id, item_id, lot_number, expires_on, supplier, received_on, status)
  values ('00000000-0000-4000-8000-000000000219', '00000000-0000-4000-8000-000000000116', '23G3161005',
          date '2027-09-21', 'Demo Wholesale Drug Co.', current_date - 20, 'AVAILABLE')
  on conflict do nothing
  returning id
)
insert into stock_movement (lot_id, kind, quantity, actor, occurred_at)
select id, 'RECEIVED', 500.0, 'system:demo-data', (current_date - 20)::timestamptz from inserted;

insert into master_formulation (id, compound_id, version, instructions, container, storage, sterile_category,
                                aqueous, preserved, oral_liquid, created_by) values
  ('00000000-0000-4000-8000-000000000307', '00000000-0000-4000-8000-0000000000f7', 1,
   'Dissolve the magnesium chloride in part of the vehicle; add the vehicle to volume; mix well.',
   'Amber oral bottle, 120 mL', 'ROOM_TEMPERATURE', 'NONSTERILE', true, true, true, 'system:demo-data')
on conflict do nothing;

insert into master_formulation_ingredient (formulation_id, position, item_id, quantity_per_unit) values
  ('00000000-0000-4000-8000-000000000307', 0, '00000000-0000-4000-8000-000000000116', 0.2),
  ('00000000-0000-4000-8000-000000000307', 1, '00000000-0000-4000-8000-000000000115', 0.9)
on conflict do nothing;
