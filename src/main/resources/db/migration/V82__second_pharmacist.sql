-- Second verification (decisions/verification-level.dmn): a second pharmacist, never the first, also verifies
-- the prescription before payment and checks the preparation before release.
alter table order_review drop constraint order_review_action_check;
alter table order_review add constraint order_review_action_check check (action in ('APPROVED', 'REJECTED',
    'CLARIFICATION_REQUESTED', 'CLARIFICATION_ANSWERED', 'SECOND_APPROVED', 'SECOND_REJECTED'));

-- 1: the (first) final check; 2: the second pharmacist's final check of the same attempt.
alter table final_check add column step smallint not null default 1 check (step in (1, 2));
