-- ordering: after payment an order is compounded, checked, ready and picked up; its lines follow.
alter table orders drop constraint orders_status_check;
alter table orders add constraint orders_status_check check (status in ('SUBMITTED', 'IN_REVIEW',
    'CLARIFICATION_REQUESTED', 'REJECTED', 'AWAITING_PAYMENT', 'PAID', 'COMPOUNDING', 'FINAL_CHECK', 'READY',
    'PICKED_UP', 'CANCELLED'));

alter table order_line drop constraint order_line_status_check;
alter table order_line add constraint order_line_status_check check (status in ('PENDING', 'ELIGIBLE', 'FLAGGED',
    'INELIGIBLE', 'APPROVED', 'REJECTED', 'COMPOUNDED', 'CHECKED', 'DISPENSED'));
