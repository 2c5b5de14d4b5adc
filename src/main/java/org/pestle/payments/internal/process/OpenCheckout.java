package org.pestle.payments.internal.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pestle.payments.internal.SelfPay;
import org.springframework.stereotype.Component;

/** Task_OpenCheckout: opens the payment's Stripe Checkout Session (idempotent per attempt). */
@Component("openCheckout")
class OpenCheckout implements JavaDelegate {

    private final SelfPay selfPay;

    OpenCheckout(SelfPay selfPay) {
        this.selfPay = selfPay;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        selfPay.openCheckout(PaymentProcess.paymentId(execution));
    }
}
