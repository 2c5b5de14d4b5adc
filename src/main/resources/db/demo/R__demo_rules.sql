-- Demo data of the rules console: a second pharmacy admin, to approve changes of tables that need a second
-- admin's approval (PESTLE_RULES_SECOND_APPROVAL). Synthetic person; password "pestle-demo".
insert into app_user (id, username, first_name, last_name, email, password_hash, organization_id) values
  ('00000000-0000-4000-8000-0000000000a7', 'admin2', 'Noor', 'Haddad', 'admin2@pestle.example',
   '{argon2}$argon2id$v=19$m=16384,t=2,p=1$eZQdFUw2u5Os75r3C0wJ5A$ECY+fNUafM8so6EuWTX398wJ81dDcoeDJv8BtZ+7yuU',
   '00000000-0000-4000-8000-000000000001')
on conflict do nothing;

insert into user_role (user_id, role) values
  ('00000000-0000-4000-8000-0000000000a7', 'PHARMACY_ADMIN')
on conflict do nothing;

update app_user set totp_secret = '5RTLXE5RQVSKLJDGKGPTZUQX2PQCWFGQ', totp_enrolled_at = now()
where username = 'admin2' and totp_secret is null;

insert into api_token (id, user_id, name, token_hash, expires_at)
values (md5('demo-token-admin2')::uuid, '00000000-0000-4000-8000-0000000000a7', 'Demo token', 'b7ab9f54073290dd117b78f85f7aa1b0dd2f423bdc1b63014b64040ce79825b1',
        now() + interval '10 years')
on conflict do nothing;
