package org.pestle.ordering.internal;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pestle.identity.TaskActor;
import org.pestle.ordering.internal.ReviewCodes.ClarificationAnswer;
import org.pestle.ordering.internal.ReviewTrail.Action;
import org.springframework.stereotype.Component;

/**
 * Task_AnswerClarification, on complete: only the ordering prescriber answers, with a coded answer; the order
 * goes back to the pharmacist's queue and the pharmacist's earlier decision is cleared so that verification
 * starts afresh.
 */
@Component("clarificationAnswerListener")
class ClarificationAnswerListener implements TaskListener {

    private final OrderRepository orders;
    private final ReviewTrail trail;

    ClarificationAnswerListener(OrderRepository orders, ReviewTrail trail) {
        this.orders = orders;
        this.trail = trail;
    }

    @Override
    public void notify(DelegateTask task) {
        TaskActor actor = TaskActor.of(task);
        if (!actor.userId().equals(task.getVariable(OrderProcess.PRESCRIBER_USER_ID))) {
            throw new BadUserRequestException("Only the prescriber of this order can answer the pharmacist's question");
        }
        ClarificationAnswer answer = ReviewCodes.code(ClarificationAnswer.class,
                task.getVariable(OrderProcess.CLARIFICATION_ANSWER)).orElseThrow(() ->
                new BadUserRequestException("Choose an answer from the list"));
        PharmacyOrder order = orders.findById(OrderProcess.orderId(task)).orElseThrow();
        trail.record(order.id(), Action.CLARIFICATION_ANSWERED, answer.name(), actor.userId(), task.getId());
        order.clarificationAnswered();
        orders.save(order);
        task.getExecution().removeVariable(OrderProcess.VERIFICATION_DECISION);
        task.getExecution().removeVariable(OrderProcess.REJECTION_REASON);
    }
}
