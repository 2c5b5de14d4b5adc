package org.pestle.payments.internal;

import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.pestle.identity.Role;
import org.springframework.stereotype.Component;

/**
 * Task_ResolvePayment, on complete: billing staff (pharmacy admins) decide what happens to a payment
 * the card could not settle. Checked again on the server: only listed decisions, only billing staff.
 */
@Component("billingDecisionListener")
class BillingDecisionListener implements TaskListener {

    enum BillingDecision { RETRY_CARD, SWITCH_TO_INVOICE, CANCEL_ORDER }

    private final BillingDecisions decisions;

    BillingDecisionListener(BillingDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public void notify(DelegateTask task) {
        Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        List<String> groups = user == null || user.getGroupIds() == null ? List.of() : user.getGroupIds();
        if (user == null || !groups.contains(Role.PHARMACY_ADMIN.groupId())) {
            throw new BadUserRequestException("Only billing staff (pharmacy admins) can resolve a payment");
        }
        BillingDecision decision = Arrays.stream(BillingDecision.values())
                .filter(d -> d.name().equals(task.getVariable(PaymentProcess.BILLING_DECISION))).findFirst()
                .orElseThrow(() -> new BadUserRequestException("Choose retry the card, invoice, or cancel"));
        String cancellation = decisions.apply(PaymentProcess.paymentId(task), decision);
        if (cancellation != null) {
            task.getExecution().setVariable(PaymentProcess.CANCELLATION_REASON, cancellation);
        }
    }
}
