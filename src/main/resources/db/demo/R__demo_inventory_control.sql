-- Demo par levels (embedded default and tests): estradiol and naltrexone are below their reorder points,
-- so the reorder list has lines for Demo Compounding Supply Co.; the other items with a par level are
-- above it. Repeatable and idempotent: an item that has a par level keeps the one it has.
select set_config('pestle.scope', 'system', true), set_config('pestle.actor', 'system:demo-data', true);

insert into stock_par_level (item_id, par_level, reorder_point, wholesaler, set_by)
select p.item_id, p.par_level, p.reorder_point, p.wholesaler, 'system:demo-data'
from (values
  ('00000000-0000-4000-8000-000000000104'::uuid, 40.0, 15.0, 'Demo Compounding Supply Co.'),
  ('00000000-0000-4000-8000-000000000105'::uuid, 60.0, 30.0, 'Demo Compounding Supply Co.'),
  ('00000000-0000-4000-8000-000000000101'::uuid, 30.0, 10.0, 'Demo Compounding Supply Co.'),
  ('00000000-0000-4000-8000-000000000114'::uuid, 20.0, 5.0,  'Demo Wholesale Drug Co.')
) as p (item_id, par_level, reorder_point, wholesaler)
where exists (select 1 from inventory_item i where i.id = p.item_id)
  and not exists (select 1 from stock_par_level s where s.item_id = p.item_id);
