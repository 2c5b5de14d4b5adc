-- Finishing fulfillment: shipping as an alternative to pickup (SHIPPED, then DELIVERED), unclaimed orders
-- (reminders, then at the clinic's return-to-stock day the preparation is destroyed, the payment refunded
-- and the order ends RETURNED), and the settling of used lots when a compounded order is cancelled.
alter table orders drop constraint orders_status_check;
alter table orders add constraint orders_status_check check (status in ('SUBMITTED', 'IN_REVIEW',
    'CLARIFICATION_REQUESTED', 'REJECTED', 'AWAITING_PAYMENT', 'PAID', 'COMPOUNDING', 'FINAL_CHECK', 'READY',
    'PICKED_UP', 'SHIPPED', 'DELIVERED', 'RETURNED', 'CANCELLED'));

alter table order_line drop constraint order_line_status_check;
alter table order_line add constraint order_line_status_check check (status in ('PENDING', 'ELIGIBLE', 'FLAGGED',
    'INELIGIBLE', 'APPROVED', 'REJECTED', 'COMPOUNDED', 'CHECKED', 'SHIPPED', 'DISPENSED', 'DESTROYED'));

-- The clinic's return-to-stock day: an order not picked up this many days after it was ready is returned.
alter table clinic add column return_to_stock_days integer not null default 14
    check (return_to_stock_days between 1 and 60);

-- A compounded preparation that is never handed over (unclaimed, or its order cancelled) is destroyed.
alter table compounding_record drop constraint compounding_record_status_check;
alter table compounding_record add constraint compounding_record_status_check check (status in ('DRAFT',
    'COMPOUNDED', 'CHECKED', 'SENT_BACK', 'DESTROYED'));
alter table compounding_record
    add column destroyed_by text,
    add column destroyed_at timestamptz,
    add column destruction_reason text check (destruction_reason is null or destruction_reason ~ '^[A-Z_]{1,40}$'),
    add constraint compounding_record_destroyed_check check (status <> 'DESTROYED'
        or (destroyed_by is not null and destroyed_at is not null and destruction_reason is not null));

-- The dispense record of a shipped line: carrier and tracking number, who shipped it and when, and its delivery
-- (a delivered line counts as dispensed, like a picked-up one); or its destruction when it was never handed over.
alter table dispense_record
    add column carrier text check (carrier is null or carrier ~ '^[A-Z_]{1,40}$'),
    add column tracking_number text check (tracking_number is null or tracking_number ~ '^[A-Za-z0-9]{6,40}$'),
    add column shipped_by text,
    add column shipped_at timestamptz,
    add column delivery_recorded_by text,
    add column delivered_at timestamptz,
    add column destroyed_by text,
    add column destroyed_at timestamptz,
    add column destruction_reason text check (destruction_reason is null or destruction_reason ~ '^[A-Z_]{1,40}$'),
    add constraint dispense_record_shipped_check check ((shipped_at is null) = (carrier is null)
        and (shipped_at is null) = (tracking_number is null) and (shipped_at is null) = (shipped_by is null)),
    add constraint dispense_record_delivered_check check ((delivered_at is null) = (delivery_recorded_by is null)
        and (delivered_at is null or shipped_at is not null)),
    add constraint dispense_record_handed_over_once check (picked_up_at is null or shipped_at is null),
    add constraint dispense_record_destroyed_check check ((destroyed_at is null) = (destroyed_by is null)
        and (destroyed_at is null) = (destruction_reason is null)
        and (destroyed_at is null or (picked_up_at is null and shipped_at is null)));
drop index dispense_record_controlled_idx;
create index dispense_record_controlled_idx on dispense_record (coalesce(picked_up_at, delivered_at))
    where controlled_schedule <> 0 and pdmp_reported_at is null;

-- A compounded preparation destroyed (unclaimed, cancelled, or sent back at the final check): the compounding
-- debit of its lots stands, so the ledger's DESTROYED movement of each ingredient lot carries no quantity; it
-- names the compounding record (reference) and says why (reason), and never returns stock.
alter table stock_movement drop constraint stock_movement_check;
alter table stock_movement add constraint stock_movement_check check (case kind
    when 'RECEIVED' then quantity > 0
    when 'RETURNED' then quantity > 0
    when 'USED_IN_COMPOUNDING' then quantity < 0
    when 'DESTROYED' then reason is not null and (quantity < 0 or (quantity = 0 and reference is not null))
    when 'QUARANTINED' then quantity = 0 and reason is not null
    when 'ADJUSTED' then quantity <> 0 and reason is not null
    else false end);

-- The permission matrix gains the new steps (pharmacy staff ship and record deliveries; only pharmacists
-- return an unclaimed order to stock). A matrix already in force gets these new actions' defaults only.
insert into permission_grant (role, kind, item)
select grant_to.role, 'DO', grant_to.item
from (values ('PHARMACIST', 'RECORD_SHIPMENT'), ('PHARMACY_TECHNICIAN', 'RECORD_SHIPMENT'),
             ('PHARMACIST', 'RETURN_TO_STOCK')) as grant_to (role, item)
where exists (select 1 from permission_grant)
on conflict do nothing;

-- The order's trail also says who shipped it, recorded its delivery or returned it to stock, and when.
alter table order_review drop constraint order_review_action_check;
alter table order_review add constraint order_review_action_check check (action in ('APPROVED', 'REJECTED',
    'CLARIFICATION_REQUESTED', 'CLARIFICATION_ANSWERED', 'SECOND_APPROVED', 'SECOND_REJECTED', 'SHIPPED',
    'DELIVERED', 'RETURNED_TO_STOCK'));
