-- The permission matrix is changed as one grid with one required reason (console/permissions); each
-- role's change keeps it. Older changes have none.
alter table permission_matrix_change add column reason text;
