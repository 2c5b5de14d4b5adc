package org.pestle.ordering.internal;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pestle.identity.Role;
import org.pestle.identity.TaskActor;
import org.pestle.ordering.internal.ReviewCodes.ClarificationQuestion;
import org.pestle.ordering.internal.ReviewCodes.RejectionReason;
import org.pestle.ordering.internal.ReviewCodes.VerificationDecision;
import org.pestle.ordering.internal.ReviewTrail.Action;
import org.springframework.stereotype.Component;

/**
 * Task_VerifyPrescription, on complete: checks the pharmacist's decision again on the server (a
 * form is client-side only), records it in the review trail and moves the order on (approved, rejected, or
 * waiting for the prescriber). A refused completion leaves the task open with the reason shown in Tasklist.
 */
@Component("verificationDecisionListener")
class VerificationDecisionListener implements TaskListener {

    private final OrderRepository orders;
    private final ReviewTrail trail;

    VerificationDecisionListener(OrderRepository orders, ReviewTrail trail) {
        this.orders = orders;
        this.trail = trail;
    }

    @Override
    public void notify(DelegateTask task) {
        TaskActor actor = TaskActor.of(task).require(Role.PHARMACIST, "Only a pharmacist can verify a prescription");
        VerificationDecision decision = VerificationDecision.of(task.getVariable(OrderProcess.VERIFICATION_DECISION))
                .orElseThrow(() -> new BadUserRequestException("Decision must be approve, reject or clarify"));
        PharmacyOrder order = orders.findById(OrderProcess.orderId(task)).orElseThrow();
        switch (decision) {
            case APPROVE -> {
                trail.record(order.id(), Action.APPROVED, null, actor.userId(), task.getId());
                if (Boolean.TRUE.equals(task.getVariable(OrderProcess.SECOND_PHARMACIST_REQUIRED))) {
                    task.setVariable(OrderProcess.FIRST_VERIFIED_BY, actor.userId());
                    order.firstOfTwoApproved();
                } else {
                    order.approve();
                }
            }
            case REJECT -> {
                RejectionReason reason = ReviewCodes.code(RejectionReason.class,
                        task.getVariable(OrderProcess.REJECTION_REASON)).orElseThrow(() ->
                        new BadUserRequestException("A rejection needs a reason from the list"));
                trail.record(order.id(), Action.REJECTED, reason.name(), actor.userId(), task.getId());
                order.rejectByPharmacist(reason);
            }
            case CLARIFY -> {
                ClarificationQuestion question = ReviewCodes.code(ClarificationQuestion.class,
                        task.getVariable(OrderProcess.CLARIFICATION_QUESTION)).orElseThrow(() ->
                        new BadUserRequestException("A question for the prescriber must be chosen from the list"));
                trail.record(order.id(), Action.CLARIFICATION_REQUESTED, question.name(), actor.userId(),
                        task.getId());
                order.askPrescriber();
            }
        }
        orders.save(order);
    }
}
