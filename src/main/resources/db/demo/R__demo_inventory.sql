-- Demo stock of the pharmacy (embedded default and tests): every ingredient of the demo compounds'
-- master formulation records, in lots received by the demo-data loader. Repeatable and idempotent:
-- an item or lot already there is left alone, and a lot's receipt is written only with the lot.
-- The NDCs are format-valid and made up; no real product is meant. Dates are relative to the day
-- the demo data is first loaded: naltrexone has a lot that had expired 10 days before, one that
-- expires 20 days after (first expiry first out proposes it first), and one good for over a year;
-- one hydroquinone lot is quarantined.
select set_config('pestle.scope', 'system', true), set_config('pestle.actor', 'system:demo-data', true);

insert into inventory_item (id, ndc, description, dea_schedule, unit, created_by) values
  ('00000000-0000-4000-8000-000000000101', '91001010101', 'Tretinoin USP, micronized powder',                    0, 'g',    'system:demo-data'),
  ('00000000-0000-4000-8000-000000000102', '91001010201', 'Hydroquinone USP powder',                             0, 'g',    'system:demo-data'),
  ('00000000-0000-4000-8000-000000000103', '91001010301', 'Vanishing cream base, preserved',                     0, 'g',    'system:demo-data'),
  ('00000000-0000-4000-8000-000000000104', '91001010401', 'Estradiol USP, micronized powder',                    0, 'g',    'system:demo-data'),
  ('00000000-0000-4000-8000-000000000105', '91001010501', 'Naltrexone hydrochloride USP powder',                 0, 'g',    'system:demo-data'),
  ('00000000-0000-4000-8000-000000000106', '91001010601', 'Microcrystalline cellulose NF',                       0, 'g',    'system:demo-data'),
  ('00000000-0000-4000-8000-000000000107', '91002020101', 'Gelatin capsules, size 3, clear',                     0, 'each', 'system:demo-data'),
  ('00000000-0000-4000-8000-000000000108', '91001010801', 'Testosterone cypionate USP powder',                   3, 'g',    'system:demo-data'),
  ('00000000-0000-4000-8000-000000000109', '91001010901', 'Grapeseed oil, sterile-filtered',                     0, 'mL',   'system:demo-data'),
  ('00000000-0000-4000-8000-000000000110', '91001011001', 'Benzyl alcohol NF',                                   0, 'mL',   'system:demo-data'),
  ('00000000-0000-4000-8000-000000000111', '91003030101', 'Diphenhydramine hydrochloride oral solution 12.5 mg/5 mL', 0, 'mL', 'system:demo-data'),
  ('00000000-0000-4000-8000-000000000112', '91003030201', 'Lidocaine hydrochloride viscous 2% oral solution',    0, 'mL',   'system:demo-data'),
  ('00000000-0000-4000-8000-000000000113', '91003030301', 'Aluminum hydroxide / magnesium hydroxide / simethicone oral suspension', 0, 'mL', 'system:demo-data'),
  ('00000000-0000-4000-8000-000000000114', '91001011401', 'Oxycodone hydrochloride USP powder',                  2, 'g',    'system:demo-data'),
  ('00000000-0000-4000-8000-000000000115', '91004040101', 'Oral suspending vehicle, preserved',                  0, 'mL',   'system:demo-data')
on conflict do nothing;

with lot (id, item_id, lot_number, expires_on, supplier, received_on, status, dea_order_number, quantity) as (values
  ('00000000-0000-4000-8000-000000000201'::uuid, '00000000-0000-4000-8000-000000000101'::uuid, 'TRT-D2601', current_date + 540, 'Demo Compounding Supply Co.', current_date - 30,  'AVAILABLE',   null::text, 25.0),
  ('00000000-0000-4000-8000-000000000202'::uuid, '00000000-0000-4000-8000-000000000102'::uuid, 'HQ-D2588',  current_date + 300, 'Demo Compounding Supply Co.', current_date - 90,  'QUARANTINED', null,       100.0),
  ('00000000-0000-4000-8000-000000000203'::uuid, '00000000-0000-4000-8000-000000000102'::uuid, 'HQ-D2604',  current_date + 480, 'Demo Compounding Supply Co.', current_date - 20,  'AVAILABLE',   null,       250.0),
  ('00000000-0000-4000-8000-000000000204'::uuid, '00000000-0000-4000-8000-000000000103'::uuid, 'VCB-D2611', current_date + 365, 'Demo Bases Ltd.',             current_date - 15,  'AVAILABLE',   null,       5000.0),
  ('00000000-0000-4000-8000-000000000205'::uuid, '00000000-0000-4000-8000-000000000104'::uuid, 'EST-D2595', current_date + 420, 'Demo Compounding Supply Co.', current_date - 45,  'AVAILABLE',   null,       10.0),
  ('00000000-0000-4000-8000-000000000206'::uuid, '00000000-0000-4000-8000-000000000105'::uuid, 'NTX-D2409', current_date - 10,  'Demo Compounding Supply Co.', current_date - 400, 'AVAILABLE',   null,       5.0),
  ('00000000-0000-4000-8000-000000000207'::uuid, '00000000-0000-4000-8000-000000000105'::uuid, 'NTX-D2502', current_date + 20,  'Demo Compounding Supply Co.', current_date - 300, 'AVAILABLE',   null,       2.0),
  ('00000000-0000-4000-8000-000000000208'::uuid, '00000000-0000-4000-8000-000000000105'::uuid, 'NTX-D2606', current_date + 400, 'Demo Compounding Supply Co.', current_date - 10,  'AVAILABLE',   null,       25.0),
  ('00000000-0000-4000-8000-000000000209'::uuid, '00000000-0000-4000-8000-000000000106'::uuid, 'MCC-D2590', current_date + 700, 'Demo Excipients Inc.',        current_date - 60,  'AVAILABLE',   null,       2000.0),
  ('00000000-0000-4000-8000-000000000210'::uuid, '00000000-0000-4000-8000-000000000107'::uuid, 'CAP3-D2577', current_date + 900, 'Demo Excipients Inc.',       current_date - 60,  'AVAILABLE',   null,       5000.0),
  ('00000000-0000-4000-8000-000000000211'::uuid, '00000000-0000-4000-8000-000000000108'::uuid, 'TCY-D2598', current_date + 500, 'Demo Compounding Supply Co.', current_date - 40,  'AVAILABLE',   null,       100.0),
  ('00000000-0000-4000-8000-000000000212'::uuid, '00000000-0000-4000-8000-000000000109'::uuid, 'GSO-D2603', current_date + 365, 'Demo Bases Ltd.',             current_date - 25,  'AVAILABLE',   null,       2000.0),
  ('00000000-0000-4000-8000-000000000213'::uuid, '00000000-0000-4000-8000-000000000110'::uuid, 'BZA-D2585', current_date + 600, 'Demo Excipients Inc.',        current_date - 80,  'AVAILABLE',   null,       500.0),
  ('00000000-0000-4000-8000-000000000214'::uuid, '00000000-0000-4000-8000-000000000111'::uuid, 'DPH-D2592', current_date + 330, 'Demo Wholesale Drug Co.',     current_date - 50,  'AVAILABLE',   null,       3785.0),
  ('00000000-0000-4000-8000-000000000215'::uuid, '00000000-0000-4000-8000-000000000112'::uuid, 'LDV-D2593', current_date + 330, 'Demo Wholesale Drug Co.',     current_date - 50,  'AVAILABLE',   null,       3000.0),
  ('00000000-0000-4000-8000-000000000216'::uuid, '00000000-0000-4000-8000-000000000113'::uuid, 'AMS-D2594', current_date + 330, 'Demo Wholesale Drug Co.',     current_date - 50,  'AVAILABLE',   null,       3550.0),
  ('00000000-0000-4000-8000-000000000217'::uuid, '00000000-0000-4000-8000-000000000114'::uuid, 'OXY-D2599', current_date + 450, 'Demo Wholesale Drug Co.',     current_date - 35,  'AVAILABLE',   '222-260114567', 10.0),
  ('00000000-0000-4000-8000-000000000218'::uuid, '00000000-0000-4000-8000-000000000115'::uuid, 'OSV-D2600', current_date + 400, 'Demo Bases Ltd.',             current_date - 35,  'AVAILABLE',   null,       4000.0)
), inserted as (
  insert into inventory_lot (id, item_id, lot_number, expires_on, supplier, received_on, status, dea_order_number)
  select id, item_id, lot_number, expires_on, supplier, received_on, status, dea_order_number from lot
  on conflict do nothing
  returning id
)
insert into stock_movement (lot_id, kind, quantity, reference, actor, occurred_at)
select lot.id, 'RECEIVED', lot.quantity,
       case when lot.dea_order_number is null then null else 'dea-order:' || lot.dea_order_number end,
       'system:demo-data', lot.received_on::timestamptz
from lot join inserted on inserted.id = lot.id;

-- The suppliers of the controlled lots (testosterone C-III, oxycodone C-II), by made-up DEA numbers that
-- pass the check digit.
update inventory_lot set supplier_dea_number = d.dea from (values
  ('00000000-0000-4000-8000-000000000211'::uuid, 'RD1234563'),
  ('00000000-0000-4000-8000-000000000217'::uuid, 'RD2468139')
) as d (id, dea) where inventory_lot.id = d.id and inventory_lot.supplier_dea_number is null;

insert into stock_movement (lot_id, kind, quantity, reason, actor)
select '00000000-0000-4000-8000-000000000202', 'QUARANTINED', 0, 'SUPPLIER_NOTICE', 'system:demo-data'
where not exists (select 1 from stock_movement where lot_id = '00000000-0000-4000-8000-000000000202'
                                                 and kind = 'QUARANTINED');
