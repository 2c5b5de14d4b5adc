-- payments: Stripe ids and what Stripe reports (brand, last four digits); never a card number.

-- A clinic's saved card for clinic-pay (created in Stripe's dashboard or Checkout in setup mode).
create table clinic_payment_method (
    clinic_id                uuid primary key references clinic (id),
    organization_id          uuid not null references organization (id),
    stripe_customer_id       text not null check (stripe_customer_id ~ '^cus_[A-Za-z0-9_]+$'),
    stripe_payment_method_id text not null check (stripe_payment_method_id ~ '^pm_[A-Za-z0-9_]+$'),
    card_brand               text,
    card_last4               char(4) check (card_last4 ~ '^[0-9]{4}$'),
    updated_at               timestamptz not null default now()
);

-- One payment per order: how it is routed, where it stands, and the provider's ids.
create table payment (
    id                   uuid primary key,
    order_id             uuid not null unique references orders (id),
    order_number         bigint not null,
    organization_id      uuid not null references organization (id),
    clinic_id            uuid not null references clinic (id),
    patient_id           uuid not null references patient (id),
    process_instance_id  text,
    route                text not null check (route in ('SELF_PAY', 'CLINIC_CARD', 'CLINIC_INVOICE', 'BILLING_REVIEW')),
    route_reason         text not null,
    amount_cents         bigint not null check (amount_cents >= 0),
    currency             char(3) not null default 'usd',
    status               text not null check (status in ('OPEN', 'CAPTURED', 'INVOICED', 'DECLINED', 'EXPIRED',
                                                         'CANCELLED', 'REFUND_PENDING', 'REFUNDED')),
    attempt              integer not null default 0,
    checkout_session_id  text,
    checkout_url         text,
    checkout_expires_at  timestamptz,
    payment_intent_id    text unique,
    card_brand           text,
    card_last4           char(4) check (card_last4 ~ '^[0-9]{4}$'),
    failure_code         text,
    refund_id            text,
    refund_attempts      integer not null default 0,
    refund_next_at       timestamptz,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    settled_at           timestamptz
);
create index payment_clinic_idx on payment (clinic_id, created_at desc);
create index payment_refund_due_idx on payment (refund_next_at) where status = 'REFUND_PENDING';

-- Every checkout session a payment opened, so a late or out-of-order event finds its payment.
create table payment_checkout (
    session_id      text primary key,
    payment_id      uuid not null references payment (id),
    organization_id uuid not null references organization (id),
    clinic_id       uuid not null references clinic (id),
    attempt         integer not null,
    created_at      timestamptz not null default now(),
    unique (payment_id, attempt)
);

-- Stripe webhook events, recorded once per event id; kept until the payment process can take them.
create table stripe_event (
    id              text primary key,
    type            text not null,
    payment_id      uuid references payment (id),
    organization_id uuid references organization (id),
    clinic_id       uuid references clinic (id),
    object_id       text,
    status          text not null check (status in ('PENDING', 'APPLIED', 'IGNORED')),
    outcome         text,
    created_at      timestamptz not null,
    received_at     timestamptz not null default now(),
    applied_at      timestamptz
);
create index stripe_event_pending_idx on stripe_event (received_at) where status = 'PENDING';

-- The clinic's monthly invoice: a statement lists the orders billed in that month.
create table invoice_line (
    order_id        uuid primary key references orders (id),
    payment_id      uuid not null references payment (id),
    organization_id uuid not null references organization (id),
    clinic_id       uuid not null references clinic (id),
    billing_month   date not null check (extract(day from billing_month) = 1),
    order_number    bigint not null,
    amount_cents    bigint not null check (amount_cents >= 0),
    added_at        timestamptz not null default now()
);
create index invoice_line_clinic_month_idx on invoice_line (clinic_id, billing_month);

-- The data object of an event kept for later (only while PENDING): Stripe's ids, amounts and statuses.
create table stripe_event_object (
    event_id    text primary key references stripe_event (id),
    object_json text not null
);
