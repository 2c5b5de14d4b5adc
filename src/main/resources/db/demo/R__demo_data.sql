-- Demo data for the embedded default and the tests: synthetic people, made-up clinics.
-- Repeatable and idempotent (ON CONFLICT DO NOTHING). Never loaded by the postgres profile.
-- Every demo user's password is "pestle-demo" (Argon2id hash below).
-- NPIs pass the Luhn check over the 80840 prefix; DEA numbers pass the DEA check digit
-- (see ../shared/reference/identifiers.md); none belongs to a real person.

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

insert into prescriber (id, user_id, organization_id, npi, dea_number) values
  ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-000000000002', '1234567893', 'BR1234563'),
  ('00000000-0000-4000-8000-0000000000d2', '00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-000000000002', '1245319599', null),
  ('00000000-0000-4000-8000-0000000000d3', '00000000-0000-4000-8000-0000000000b4', '00000000-0000-4000-8000-000000000003', '1003000126', 'AH2468139')
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

insert into clinic_compound_approval (clinic_id, compound_id) values
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000f2'),
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000f3'),
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000f4'),
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000f6'),
  ('00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-0000000000f1'),
  ('00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-0000000000f5'),
  ('00000000-0000-4000-8000-0000000000c3', '00000000-0000-4000-8000-0000000000f3')
on conflict do nothing;
