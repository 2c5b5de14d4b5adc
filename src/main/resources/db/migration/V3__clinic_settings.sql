-- Clinic settings that the decision tables take as inputs (edited in the console by pharmacy admins).
alter table clinic
    add column patient_self_pay_enabled boolean not null default true,
    add column clinic_pay_automation text not null default 'WHEN_APPLICABLE'
        check (clinic_pay_automation in ('NEVER', 'WHEN_APPLICABLE', 'ALWAYS')),
    add column refill_reminder_lead_days integer not null default 5
        check (refill_reminder_lead_days between 0 and 30);
