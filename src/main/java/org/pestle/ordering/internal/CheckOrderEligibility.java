package org.pestle.ordering.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CheckEligibility: evaluates the order-eligibility decision for every line; the gateway reads its code. */
@Component("checkOrderEligibility")
class CheckOrderEligibility implements JavaDelegate {

    private final OrderEligibility eligibility;

    CheckOrderEligibility(OrderEligibility eligibility) {
        this.eligibility = eligibility;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(OrderProcess.ELIGIBILITY, eligibility.check(OrderProcess.orderId(execution)).code());
    }
}
