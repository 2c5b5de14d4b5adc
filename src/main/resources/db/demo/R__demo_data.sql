-- Demo data for the embedded default and the tests: synthetic people, made-up clinics.
-- Repeatable and idempotent (ON CONFLICT DO NOTHING). Never loaded by the postgres profile.
-- Every demo user's password is "pestle-demo" (Argon2id hash below).
-- NPIs pass the Luhn check over the 80840 prefix; DEA numbers pass the DEA check digit
-- (see ../shared/reference/identifiers.md); none belongs to a real person.

-- Loading demo data is system work: row-level security lets the system scope write any clinic's rows.
select set_config('pestle.scope', 'system', true), set_config('pestle.actor', 'system:demo-data', true);

insert into organization (id, name, kind) values
  ('00000000-0000-4000-8000-000000000001', 'Mortar & Pestle Compounding Pharmacy', 'PHARMACY'),
  ('00000000-0000-4000-8000-000000000002', 'Harbor Health Group', 'CLINIC_GROUP'),
  ('00000000-0000-4000-8000-000000000003', 'Summit Wellness Partners', 'CLINIC_GROUP')
on conflict do nothing;

insert into clinic (id, organization_id, code, name, approved_compounds_only) values
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-000000000002', 'northside', 'Northside Family Medicine', true),
  ('00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-000000000002', 'lakeside', 'Lakeside Dermatology', false),
  ('00000000-0000-4000-8000-0000000000c3', '00000000-0000-4000-8000-000000000003', 'summit', 'Summit Wellness Center', true)
on conflict do nothing;

insert into app_user (id, username, first_name, last_name, email, password_hash, organization_id) values
  ('00000000-0000-4000-8000-0000000000a1', 'pharmacist',   'Dana',   'Whitfield', 'pharmacist@pestle.example',   '{argon2}$argon2id$v=19$m=16384,t=2,p=1$eZQdFUw2u5Os75r3C0wJ5A$ECY+fNUafM8so6EuWTX398wJ81dDcoeDJv8BtZ+7yuU', '00000000-0000-4000-8000-000000000001'),
  ('00000000-0000-4000-8000-0000000000a2', 'pharmacist2',  'Sam',    'Ortega',    'pharmacist2@pestle.example',  '{argon2}$argon2id$v=19$m=16384,t=2,p=1$eZQdFUw2u5Os75r3C0wJ5A$ECY+fNUafM8so6EuWTX398wJ81dDcoeDJv8BtZ+7yuU', '00000000-0000-4000-8000-000000000001'),
  ('00000000-0000-4000-8000-0000000000a3', 'technician',   'Lee',    'Park',      'technician@pestle.example',   '{argon2}$argon2id$v=19$m=16384,t=2,p=1$eZQdFUw2u5Os75r3C0wJ5A$ECY+fNUafM8so6EuWTX398wJ81dDcoeDJv8BtZ+7yuU', '00000000-0000-4000-8000-000000000001'),
  ('00000000-0000-4000-8000-0000000000a4', 'admin',        'Jane',   'Moss',      'admin@pestle.example',        '{argon2}$argon2id$v=19$m=16384,t=2,p=1$eZQdFUw2u5Os75r3C0wJ5A$ECY+fNUafM8so6EuWTX398wJ81dDcoeDJv8BtZ+7yuU', '00000000-0000-4000-8000-000000000001'),
  ('00000000-0000-4000-8000-0000000000a5', 'operator',     'Ravi',   'Nair',      'operator@pestle.example',     '{argon2}$argon2id$v=19$m=16384,t=2,p=1$eZQdFUw2u5Os75r3C0wJ5A$ECY+fNUafM8so6EuWTX398wJ81dDcoeDJv8BtZ+7yuU', '00000000-0000-4000-8000-000000000001'),
  ('00000000-0000-4000-8000-0000000000a6', 'privacy',      'Nora',   'Blake',     'privacy@pestle.example',      '{argon2}$argon2id$v=19$m=16384,t=2,p=1$eZQdFUw2u5Os75r3C0wJ5A$ECY+fNUafM8so6EuWTX398wJ81dDcoeDJv8BtZ+7yuU', '00000000-0000-4000-8000-000000000001'),
  ('00000000-0000-4000-8000-0000000000b1', 'dr.reyes',     'Elena',  'Reyes',     'reyes@harbor.example',        '{argon2}$argon2id$v=19$m=16384,t=2,p=1$eZQdFUw2u5Os75r3C0wJ5A$ECY+fNUafM8so6EuWTX398wJ81dDcoeDJv8BtZ+7yuU', '00000000-0000-4000-8000-000000000002'),
  ('00000000-0000-4000-8000-0000000000b2', 'dr.okafor',    'Chidi',  'Okafor',    'okafor@harbor.example',       '{argon2}$argon2id$v=19$m=16384,t=2,p=1$eZQdFUw2u5Os75r3C0wJ5A$ECY+fNUafM8so6EuWTX398wJ81dDcoeDJv8BtZ+7yuU', '00000000-0000-4000-8000-000000000002'),
  ('00000000-0000-4000-8000-0000000000b3', 'clinic.admin', 'Maya',   'Lindqvist', 'admin@harbor.example',        '{argon2}$argon2id$v=19$m=16384,t=2,p=1$eZQdFUw2u5Os75r3C0wJ5A$ECY+fNUafM8so6EuWTX398wJ81dDcoeDJv8BtZ+7yuU', '00000000-0000-4000-8000-000000000002'),
  ('00000000-0000-4000-8000-0000000000b4', 'dr.hale',      'Morgan', 'Hale',      'hale@summit.example',         '{argon2}$argon2id$v=19$m=16384,t=2,p=1$eZQdFUw2u5Os75r3C0wJ5A$ECY+fNUafM8so6EuWTX398wJ81dDcoeDJv8BtZ+7yuU', '00000000-0000-4000-8000-000000000003')
on conflict do nothing;

insert into user_role (user_id, role) values
  ('00000000-0000-4000-8000-0000000000a1', 'PHARMACIST'),
  ('00000000-0000-4000-8000-0000000000a2', 'PHARMACIST'),
  ('00000000-0000-4000-8000-0000000000a3', 'PHARMACY_TECHNICIAN'),
  ('00000000-0000-4000-8000-0000000000a4', 'PHARMACY_ADMIN'),
  ('00000000-0000-4000-8000-0000000000a5', 'OPERATOR'),
  ('00000000-0000-4000-8000-0000000000a6', 'PRIVACY_OFFICER'),
  ('00000000-0000-4000-8000-0000000000a6', 'PRIVACY_OFFICER'),
  ('00000000-0000-4000-8000-0000000000b1', 'PRESCRIBER'),
  ('00000000-0000-4000-8000-0000000000b2', 'PRESCRIBER'),
  ('00000000-0000-4000-8000-0000000000b3', 'CLINIC_ADMIN'),
  ('00000000-0000-4000-8000-0000000000b4', 'PRESCRIBER')
on conflict do nothing;

insert into user_clinic (user_id, clinic_id) values
  ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000c1'),
  ('00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-0000000000c2'),
  ('00000000-0000-4000-8000-0000000000b3', '00000000-0000-4000-8000-0000000000c1'),
  ('00000000-0000-4000-8000-0000000000b4', '00000000-0000-4000-8000-0000000000c3')
on conflict do nothing;

insert into prescriber (id, user_id, username, organization_id, npi, dea_number) values
  ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000b1', 'dr.reyes',  '00000000-0000-4000-8000-000000000002', '1234567893', 'BR1234563'),
  ('00000000-0000-4000-8000-0000000000d2', '00000000-0000-4000-8000-0000000000b2', 'dr.okafor', '00000000-0000-4000-8000-000000000002', '1245319599', null),
  ('00000000-0000-4000-8000-0000000000d3', '00000000-0000-4000-8000-0000000000b4', 'dr.hale',   '00000000-0000-4000-8000-000000000003', '1003000126', 'AH2468139')
on conflict do nothing;

-- Patients are not here: their names, birth dates and phones exist in the database only as ciphertext.
-- The patients module inserts the demo patients encrypted (patients/internal/DemoPatients.java, a
-- repeatable Flyway migration that runs after this one).

insert into compound (id, code, name, dosage_form, unit, controlled_schedule, price_cents) values
  ('00000000-0000-4000-8000-0000000000f1', 'TRETINOIN-HQ-CREAM', 'Tretinoin 0.05% / hydroquinone 4% cream',          'cream',      'g',    0, 180),
  ('00000000-0000-4000-8000-0000000000f2', 'ESTRADIOL-CREAM',    'Estradiol 0.1 mg/g vaginal cream',                 'cream',      'g',    0, 150),
  ('00000000-0000-4000-8000-0000000000f3', 'NALTREXONE-LD',      'Naltrexone 4.5 mg capsule (low dose)',             'capsule',    'each', 0, 95),
  ('00000000-0000-4000-8000-0000000000f4', 'TESTOSTERONE-CYP',   'Testosterone cypionate 200 mg/mL in grapeseed oil', 'injection',  'mL',   3, 900),
  ('00000000-0000-4000-8000-0000000000f5', 'MAGIC-MOUTHWASH',    'Diphenhydramine / lidocaine / antacid mouthwash',  'suspension', 'mL',   0, 12),
  ('00000000-0000-4000-8000-0000000000f6', 'OXYCODONE-SUSP',     'Oxycodone 5 mg/5 mL oral suspension',              'suspension', 'mL',   2, 40)
on conflict do nothing;

-- Maintenance medications (taken continuously): low-dose naltrexone and the hormone therapies.
update compound set maintenance = true where id in ('00000000-0000-4000-8000-0000000000f2',
  '00000000-0000-4000-8000-0000000000f3', '00000000-0000-4000-8000-0000000000f4');

insert into clinic_compound_approval (clinic_id, compound_id) values
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000f2'),
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000f3'),
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000f4'),
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000f6'),
  ('00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-0000000000f1'),
  ('00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-0000000000f5'),
  ('00000000-0000-4000-8000-0000000000c3', '00000000-0000-4000-8000-0000000000f3')
on conflict do nothing;

-- Multi-factor authentication is set up for every demo user (TOTP secrets and API tokens are in the README).
update app_user u set totp_secret = d.secret, totp_enrolled_at = now() from (values
  ('pharmacist', 'BFPP4ZM3SP3POJA222KDCT2LQDK6XLRC'),
  ('pharmacist2', 'EV7I5A7CFKMSLJNXEL72NIPTLYIBFHQB'),
  ('technician', 'IF7N2EZ3WZNFDDIXKQZEVCQI4GK7DOK5'),
  ('admin', 'U5Q75QVY24PA44ZUYYWY3EBPBHJEZUJG'),
  ('operator', '7IJHLZDAXYQ6SIBZKLTAVYCVLXYEM2VM'),
  ('privacy', 'E7VIOXPDTMOJUYRNHKWDWSL4SPX3GE3C'),
  ('dr.reyes', 'FCRSSBGUXM7C37RA52ZHCRKGSL7OITEH'),
  ('dr.okafor', '6RFNCIW75LJBD3ZYQLXX62OCEHNTMJLK'),
  ('clinic.admin', 'OIBHGWJCHBSAGQEXXQ5FAJEQGYTDVNVE'),
  ('dr.hale', '6W3FALXXTC3RNI36YOJIW2GTNKBIRWPC')
) as d(username, secret) where u.username = d.username and u.totp_secret is null;

insert into api_token (id, user_id, name, token_hash, expires_at)
select md5('demo-token-' || u.username)::uuid, u.id, 'Demo token', d.token_hash, now() + interval '10 years'
from (values
  ('pharmacist', '60655e7afcef58220eec581fe64f95bfd3ee1b5ca38650c3cede0dd990d370e8'),
  ('pharmacist2', '0b0c9f88be4189d3b078ac0d3eae7f09d510fe4694916f2eeb10c84cce3a5b8c'),
  ('technician', 'eb354c4c0f1a5dc0e337e89c6245c111d1872b89e7977a589fd12c58afc05af0'),
  ('admin', 'ba9833a0d8061785321c88c412efdcc751bfe9b1a2d066c6f9edc01201e47200'),
  ('operator', 'd1f5320c1e4d1a0788ac98860f8be79715d9963f339a6930361228bb831ed15e'),
  ('privacy', '8d0d32c2956d8a52c7b3c90b06bbe95d7303e9799048cfcf9b7ad39d5e03f27c'),
  ('dr.reyes', '32b7b86cf900a7abd4cec7fb2865c60b0b34dce9fcb1fe19eb625e745e03a3bb'),
  ('dr.okafor', 'f090595f4474f2b42a43c3ecbe1daeb269b67d549913ccde8bfe95db95a0c5c2'),
  ('clinic.admin', '54148cdbf69d8a2a9ab498f1ca992557375ea84e24ccedad3a19a1e96b431f35'),
  ('dr.hale', 'e73e1d8533fb4aba2062653964fedf97115ba1a21b3039caaa160ceea7eedfea')
) as d(username, token_hash) join app_user u on u.username = d.username
on conflict do nothing;
