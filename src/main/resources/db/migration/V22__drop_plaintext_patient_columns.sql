-- The plaintext patient columns go; V21 has encrypted what they held. From here on a patient's
-- name, date of birth and phone exist in the database only as ciphertext and blind-index tokens.
-- (On a database that held plaintext rows, VACUUM FULL patient rewrites the table files so that
-- the dropped values do not linger in old row versions; see docs/patients.md.)
alter table patient
    drop column first_name,
    drop column last_name,
    drop column date_of_birth,
    drop column phone,
    alter column first_name_ct set not null,
    alter column last_name_ct set not null,
    alter column date_of_birth_ct set not null,
    alter column name_bidx set not null,
    alter column date_of_birth_bidx set not null,
    alter column aead_key_id set not null,
    alter column bidx_key_id set not null;
