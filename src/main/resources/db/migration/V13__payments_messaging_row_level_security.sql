-- Row-level security on the payments and messaging tables, as V4 does for patients and orders:
-- a transaction sees only the rows of its scope (pestle_scope_allows). Webhooks, the pay link,
-- schedulers and the job executor work in the system scope; pharmacy staff see every clinic's rows,
-- clinic users their clinics' rows.

alter table clinic_payment_method enable row level security;
alter table clinic_payment_method force row level security;
create policy clinic_payment_method_scope on clinic_payment_method
    using (pestle_scope_allows(clinic_id, null))
    with check (pestle_scope_allows(clinic_id, null));

alter table payment enable row level security;
alter table payment force row level security;
create policy payment_scope on payment
    using (pestle_scope_allows(clinic_id, patient_id))
    with check (pestle_scope_allows(clinic_id, patient_id));

-- Rows that belong to a payment are visible exactly when their payment is.
alter table payment_checkout enable row level security;
alter table payment_checkout force row level security;
create policy payment_checkout_scope on payment_checkout
    using (exists (select 1 from payment p where p.id = payment_checkout.payment_id))
    with check (exists (select 1 from payment p where p.id = payment_checkout.payment_id));

alter table invoice_line enable row level security;
alter table invoice_line force row level security;
create policy invoice_line_scope on invoice_line
    using (pestle_scope_allows(clinic_id, null))
    with check (pestle_scope_allows(clinic_id, null));

-- Webhook events: an event not (yet) matched to a payment has no clinic and is seen by the system
-- and the pharmacy only.
alter table stripe_event enable row level security;
alter table stripe_event force row level security;
create policy stripe_event_scope on stripe_event
    using (pestle_scope_allows(clinic_id, null))
    with check (pestle_scope_allows(clinic_id, null));

alter table stripe_event_object enable row level security;
alter table stripe_event_object force row level security;
create policy stripe_event_object_scope on stripe_event_object
    using (exists (select 1 from stripe_event e where e.id = stripe_event_object.event_id))
    with check (exists (select 1 from stripe_event e where e.id = stripe_event_object.event_id));

alter table text_message enable row level security;
alter table text_message force row level security;
create policy text_message_scope on text_message
    using (pestle_scope_allows(clinic_id, patient_id))
    with check (pestle_scope_allows(clinic_id, patient_id));

alter table sms_consent enable row level security;
alter table sms_consent force row level security;
create policy sms_consent_scope on sms_consent
    using (pestle_scope_allows(clinic_id, patient_id))
    with check (pestle_scope_allows(clinic_id, patient_id));

-- Keyed hashes of phone numbers and inbound keywords belong to no clinic: the system (Twilio's
-- webhooks, the outbox) and the pharmacy only.
alter table sms_number_opt_out enable row level security;
alter table sms_number_opt_out force row level security;
create policy sms_number_opt_out_scope on sms_number_opt_out
    using (pestle_scope_allows(null, null))
    with check (pestle_scope_allows(null, null));

alter table inbound_text enable row level security;
alter table inbound_text force row level security;
create policy inbound_text_scope on inbound_text
    using (pestle_scope_allows(null, null))
    with check (pestle_scope_allows(null, null));
