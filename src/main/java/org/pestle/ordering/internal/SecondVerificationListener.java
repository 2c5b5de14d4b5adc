package org.pestle.ordering.internal;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pestle.identity.Role;
import org.pestle.identity.TaskActor;
import org.pestle.ordering.internal.ReviewCodes.RejectionReason;
import org.pestle.ordering.internal.ReviewTrail.Action;
import org.springframework.stereotype.Component;

/**
 * Task_SecondVerification, on complete: a second pharmacist, never the one who approved first, approves the
 * order (it waits for payment) or rejects it with a coded reason. Refused completions leave the task open.
 */
@Component("secondVerificationListener")
class SecondVerificationListener implements TaskListener {

    static final String APPROVE = "approve";
    static final String REJECT = "reject";

    private final OrderRepository orders;
    private final ReviewTrail trail;

    SecondVerificationListener(OrderRepository orders, ReviewTrail trail) {
        this.orders = orders;
        this.trail = trail;
    }

    @Override
    public void notify(DelegateTask task) {
        TaskActor actor = TaskActor.of(task).require(Role.PHARMACIST,
                "Only a pharmacist can do the second verification");
        if (actor.userId().equals(task.getVariable(OrderProcess.FIRST_VERIFIED_BY))) {
            throw new BadUserRequestException(
                    "The second verification must be done by another pharmacist than the one who verified first");
        }
        Object decision = task.getVariable(OrderProcess.SECOND_VERIFICATION_DECISION);
        PharmacyOrder order = orders.findById(OrderProcess.orderId(task)).orElseThrow();
        if (APPROVE.equals(decision)) {
            trail.record(order.id(), Action.SECOND_APPROVED, null, actor.userId(), task.getId());
            order.approve();
        } else if (REJECT.equals(decision)) {
            RejectionReason reason = ReviewCodes.code(RejectionReason.class,
                    task.getVariable(OrderProcess.REJECTION_REASON)).orElseThrow(() ->
                    new BadUserRequestException("A rejection needs a reason from the list"));
            trail.record(order.id(), Action.SECOND_REJECTED, reason.name(), actor.userId(), task.getId());
            order.rejectByPharmacist(reason);
        } else {
            throw new BadUserRequestException("Decision must be approve or reject");
        }
        orders.save(order);
    }
}
