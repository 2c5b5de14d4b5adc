-- Pestle database roles.
--
-- Run once by the postgres image's entrypoint, when it initialises an empty
-- data volume: as the superuser, connected to database pestle (POSTGRES_DB),
-- via psql with ON_ERROR_STOP. (To re-run it: docker compose down -v.)
--
--   pestle_owner  owns database pestle and schema public; runs the migrations.
--   pestle_app    the application's runtime role: may connect and use schema
--                 public, nothing more. Privileges on tables and sequences are
--                 granted to it by the migrations (which run as pestle_owner).
--
-- Passwords: 'pestle_owner' / 'pestle_app' (dev defaults), unless the
-- container has PESTLE_DB_OWNER_PASSWORD / PESTLE_DB_APP_PASSWORD set
-- (docker-compose.yml passes the same values to the app).

\set ON_ERROR_STOP on

\set owner_password 'pestle_owner'
\set app_password 'pestle_app'
\getenv owner_password PESTLE_DB_OWNER_PASSWORD
\getenv app_password PESTLE_DB_APP_PASSWORD

CREATE ROLE pestle_owner
  LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION
  PASSWORD :'owner_password';

CREATE ROLE pestle_app
  LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION
  PASSWORD :'app_password';

\unset owner_password
\unset app_password

ALTER DATABASE pestle OWNER TO pestle_owner;
ALTER SCHEMA public OWNER TO pestle_owner;

-- Only the roles named here get in: no implicit CONNECT/TEMPORARY for PUBLIC.
REVOKE ALL ON DATABASE pestle FROM PUBLIC;
GRANT CONNECT ON DATABASE pestle TO pestle_app;

-- Schema public: pestle_owner (owner) has all rights; pestle_app USAGE only
-- (no CREATE); nobody else.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO pestle_app;
