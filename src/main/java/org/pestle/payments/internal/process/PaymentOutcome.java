package org.pestle.payments.internal.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * End events of the payment process: {@code ${paymentOutcome.paid(execution)}} and
 * {@code ${paymentOutcome.cancelled(execution)}} set the variable the calling order process reads.
 */
@Component("paymentOutcome")
public class PaymentOutcome {

    public void paid(DelegateExecution execution) {
        execution.setVariable(PaymentProcess.OUTCOME, "paid");
    }

    public void cancelled(DelegateExecution execution) {
        execution.setVariable(PaymentProcess.OUTCOME, "cancelled");
    }
}
