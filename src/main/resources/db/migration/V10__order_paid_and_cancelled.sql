-- ordering: an order can now be paid (payment settled) or cancelled (with a coded reason).
alter table orders drop constraint orders_status_check;
alter table orders add constraint orders_status_check check (status in ('SUBMITTED', 'IN_REVIEW',
    'CLARIFICATION_REQUESTED', 'REJECTED', 'AWAITING_PAYMENT', 'PAID', 'CANCELLED'));
