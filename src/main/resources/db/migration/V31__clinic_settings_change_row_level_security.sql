-- The history of a clinic's settings is that clinic's data: row-level security as for orders (V4).
alter table clinic_settings_change enable row level security;
alter table clinic_settings_change force row level security;
create policy clinic_settings_change_scope on clinic_settings_change
    using (pestle_scope_allows(clinic_id, null))
    with check (pestle_scope_allows(clinic_id, null));
