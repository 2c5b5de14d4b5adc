-- Demo data of the payments module (embedded default and tests): Stripe test ids, no real cards.
-- Northside has a saved card (Stripe's test Visa); Summit's saved card is Stripe's test card that
-- is always declined, and Summit is charged for every order, so its orders show the billing task.
select set_config('pestle.scope', 'system', true), set_config('pestle.actor', 'system:demo-data', true);

insert into clinic_payment_method (clinic_id, organization_id, stripe_customer_id, stripe_payment_method_id,
                                   card_brand, card_last4) values
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-000000000002', 'cus_demo_northside',
   'pm_card_visa', 'visa', '4242'),
  ('00000000-0000-4000-8000-0000000000c3', '00000000-0000-4000-8000-000000000003', 'cus_demo_summit',
   'pm_card_chargeDeclined', 'visa', '0002')
on conflict do nothing;

update clinic set clinic_pay_automation = 'ALWAYS'
where id = '00000000-0000-4000-8000-0000000000c3' and clinic_pay_automation = 'WHEN_APPLICABLE';
