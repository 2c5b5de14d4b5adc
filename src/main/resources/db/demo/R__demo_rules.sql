-- Demo data of the rules console: a second pharmacy admin, to approve changes of tables that need a second
-- admin's approval (PESTLE_RULES_SECOND_APPROVAL). Synthetic person; password "pestle-demo".
insert into app_user (id, username, first_name, last_name, email, password_hash, organization_id) values
  ('00000000-0000-4000-8000-0000000000a6', 'admin2', 'Noor', 'Haddad', 'admin2@pestle.example',
   '{argon2}$argon2id$v=19$m=16384,t=2,p=1$eZQdFUw2u5Os75r3C0wJ5A$ECY+fNUafM8so6EuWTX398wJ81dDcoeDJv8BtZ+7yuU',
   '00000000-0000-4000-8000-000000000001')
on conflict do nothing;

insert into user_role (user_id, role) values
  ('00000000-0000-4000-8000-0000000000a6', 'PHARMACY_ADMIN')
on conflict do nothing;
