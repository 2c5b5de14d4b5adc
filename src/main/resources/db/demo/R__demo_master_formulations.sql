-- Demo master formulation records (embedded default and tests): version 1 of every demo compound's
-- formula, its ingredients from the demo stock (R__demo_inventory.sql). Repeatable and idempotent.
-- Formulas are illustrations for the demo, not validated compounding instructions.
select set_config('pestle.scope', 'system', true), set_config('pestle.actor', 'system:demo-data', true);

insert into master_formulation (id, compound_id, version, instructions, container, storage, sterile_category,
                                aqueous, preserved, oral_liquid, created_by) values
  ('00000000-0000-4000-8000-000000000301', '00000000-0000-4000-8000-0000000000f1', 1,
   'Levigate tretinoin and hydroquinone with a small amount of the base; incorporate the rest of the base geometrically; mix in an ointment mill until uniform.',
   'Airless pump, opaque, 30 g', 'ROOM_TEMPERATURE', 'NONSTERILE', true, true, false, 'system:demo-data'),
  ('00000000-0000-4000-8000-000000000302', '00000000-0000-4000-8000-0000000000f2', 1,
   'Triturate estradiol; wet with a small amount of the base; incorporate the rest of the base geometrically; mix until uniform.',
   'Vaginal applicator tube, 30 g', 'ROOM_TEMPERATURE', 'NONSTERILE', true, true, false, 'system:demo-data'),
  ('00000000-0000-4000-8000-000000000303', '00000000-0000-4000-8000-0000000000f3', 1,
   'Triturate naltrexone with microcrystalline cellulose by geometric dilution; fill size 3 capsules to 200 mg each; check weights of 10 capsules.',
   'Amber vial with child-resistant cap', 'ROOM_TEMPERATURE', 'NONSTERILE', false, false, false, 'system:demo-data'),
  ('00000000-0000-4000-8000-000000000304', '00000000-0000-4000-8000-0000000000f4', 1,
   'In the cleanroom: dissolve testosterone cypionate in grapeseed oil with benzyl alcohol; filter through a 0.2 micron filter into sterile vials; seal.',
   'Sterile multi-dose vial, 10 mL', 'ROOM_TEMPERATURE', 'CATEGORY_2', false, true, false, 'system:demo-data'),
  ('00000000-0000-4000-8000-000000000305', '00000000-0000-4000-8000-0000000000f5', 1,
   'Measure each liquid; combine; shake well.',
   'Amber oral bottle, 240 mL', 'REFRIGERATED', 'NONSTERILE', true, false, true, 'system:demo-data'),
  ('00000000-0000-4000-8000-000000000306', '00000000-0000-4000-8000-0000000000f6', 1,
   'Triturate oxycodone; wet with a small amount of the vehicle to a smooth paste; add the vehicle to volume in portions; shake well.',
   'Amber oral bottle with child-resistant cap', 'REFRIGERATED', 'NONSTERILE', true, true, true, 'system:demo-data')
on conflict do nothing;

insert into master_formulation_ingredient (formulation_id, position, item_id, quantity_per_unit) values
  ('00000000-0000-4000-8000-000000000301', 0, '00000000-0000-4000-8000-000000000101', 0.0005),
  ('00000000-0000-4000-8000-000000000301', 1, '00000000-0000-4000-8000-000000000102', 0.04),
  ('00000000-0000-4000-8000-000000000301', 2, '00000000-0000-4000-8000-000000000103', 0.9595),
  ('00000000-0000-4000-8000-000000000302', 0, '00000000-0000-4000-8000-000000000104', 0.0001),
  ('00000000-0000-4000-8000-000000000302', 1, '00000000-0000-4000-8000-000000000103', 0.9999),
  ('00000000-0000-4000-8000-000000000303', 0, '00000000-0000-4000-8000-000000000105', 0.0045),
  ('00000000-0000-4000-8000-000000000303', 1, '00000000-0000-4000-8000-000000000106', 0.1955),
  ('00000000-0000-4000-8000-000000000303', 2, '00000000-0000-4000-8000-000000000107', 1),
  ('00000000-0000-4000-8000-000000000304', 0, '00000000-0000-4000-8000-000000000108', 0.2),
  ('00000000-0000-4000-8000-000000000304', 1, '00000000-0000-4000-8000-000000000110', 0.009),
  ('00000000-0000-4000-8000-000000000304', 2, '00000000-0000-4000-8000-000000000109', 0.8),
  ('00000000-0000-4000-8000-000000000305', 0, '00000000-0000-4000-8000-000000000111', 0.3333),
  ('00000000-0000-4000-8000-000000000305', 1, '00000000-0000-4000-8000-000000000112', 0.3333),
  ('00000000-0000-4000-8000-000000000305', 2, '00000000-0000-4000-8000-000000000113', 0.3334),
  ('00000000-0000-4000-8000-000000000306', 0, '00000000-0000-4000-8000-000000000114', 0.001),
  ('00000000-0000-4000-8000-000000000306', 1, '00000000-0000-4000-8000-000000000115', 1)
on conflict do nothing;
