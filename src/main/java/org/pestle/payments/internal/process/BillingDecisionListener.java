package org.pestle.payments.internal.process;

import java.util.Arrays;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pestle.identity.Role;
import org.pestle.identity.TaskActor;
import org.pestle.payments.internal.BillingDecisions;
import org.pestle.payments.internal.BillingDecisions.BillingDecision;
import org.springframework.stereotype.Component;

/**
 * Task_ResolvePayment, on complete: billing staff (pharmacy admins) decide what happens to a payment
 * the card could not settle. Checked again on the server: only listed decisions, only billing staff.
 */
@Component("billingDecisionListener")
class BillingDecisionListener implements TaskListener {

    private final BillingDecisions decisions;

    BillingDecisionListener(BillingDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public void notify(DelegateTask task) {
        TaskActor.of(task).require(Role.PHARMACY_ADMIN, "Only billing staff (pharmacy admins) can resolve a payment");
        BillingDecision decision = Arrays.stream(BillingDecision.values())
                .filter(d -> d.name().equals(task.getVariable(PaymentProcess.BILLING_DECISION))).findFirst()
                .orElseThrow(() -> new BadUserRequestException("Choose retry the card, invoice, or cancel"));
        String cancellation = decisions.apply(PaymentProcess.paymentId(task), decision);
        if (cancellation != null) {
            task.getExecution().setVariable(PaymentProcess.CANCELLATION_REASON, cancellation);
        }
    }
}
