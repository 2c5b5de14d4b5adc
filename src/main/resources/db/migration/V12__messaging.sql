-- messaging: an outbox of text messages, consent per patient, and inbound keywords. No phone numbers
-- are stored: the number is read from the patients module when a message is sent; only a keyed hash
-- of it is kept, to match a STOP from that number to the patients it was texting.
create table text_message (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    clinic_id       uuid not null references clinic (id),
    patient_id      uuid not null references patient (id),
    purpose         text not null,
    body            text not null check (length(body) <= 640),
    dedupe_key      text not null unique,
    status          text not null check (status in ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'UNDELIVERED',
                                                    'FAILED', 'SUPPRESSED', 'UNCONFIRMED')),
    status_reason   text,
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    recipient_hash  text,
    twilio_sid      text unique,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    updated_at      timestamptz not null default now()
);
create index text_message_due_idx on text_message (next_attempt_at) where status = 'QUEUED';
create index text_message_recipient_idx on text_message (recipient_hash);

create table sms_consent (
    patient_id      uuid primary key references patient (id),
    organization_id uuid not null references organization (id),
    clinic_id       uuid not null references clinic (id),
    opted_out       boolean not null,
    source          text not null,
    changed_at      timestamptz not null default now()
);

-- A STOP applies to the number as well: a number that said STOP gets nothing until it says START.
create table sms_number_opt_out (
    number_hash text primary key,
    opted_out   boolean not null,
    changed_at  timestamptz not null default now()
);

-- Inbound messages, processed once per Twilio message sid; the text itself is not kept.
create table inbound_text (
    message_sid  text primary key,
    number_hash  text not null,
    keyword      text not null,
    received_at  timestamptz not null default now()
);
