package org.pestle.ordering.internal;

import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CheckEligibility and Task_CheckEligibilityInJob: evaluate the order-eligibility decision for every
 * line and record the outcome; the gateway reads its code. The same evaluation decides once for the order
 * whether a second pharmacist is needed (decisions/verification-level.dmn, the version in force):
 * secondPharmacistRequired, read by the gateways before Task_SecondVerification and Task_SecondFinalCheck.
 *
 * <p>Task_CheckEligibility runs in the submission's transaction, so the pharmacist's task exists when
 * the submission returns. When a decision cannot be evaluated there, the variable is {@code deferred}
 * and Task_CheckEligibilityInJob (asynchronous, retried, then an incident in Cockpit) evaluates again.
 */
@Component("checkOrderEligibility")
class CheckOrderEligibility implements JavaDelegate {

    static final String IN_JOB = "Task_CheckEligibilityInJob";
    static final String DEFERRED = "deferred";

    private final OrderEligibility eligibility;

    CheckOrderEligibility(OrderEligibility eligibility) {
        this.eligibility = eligibility;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID orderId = OrderProcess.orderId(execution);
        Optional<OrderEligibility.Evaluation> evaluation = IN_JOB.equals(execution.getCurrentActivityId())
                ? Optional.of(eligibility.evaluate(orderId))
                : eligibility.tryEvaluate(orderId);
        if (evaluation.isEmpty()) {
            execution.setVariable(OrderProcess.ELIGIBILITY, DEFERRED);
            return;
        }
        execution.setVariable(OrderProcess.ELIGIBILITY, eligibility.record(evaluation.get()).code());
        execution.setVariable(OrderProcess.SECOND_PHARMACIST_REQUIRED, evaluation.get().secondPharmacistRequired());
    }
}
