package org.pestle.payments.internal.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pestle.payments.internal.SelfPay;
import org.springframework.stereotype.Component;

/** Task_ExpirePayment: the pay link's time is up; the open session is expired at Stripe and the order is to be cancelled. */
@Component("expirePayment")
class ExpirePayment implements JavaDelegate {

    private final SelfPay selfPay;

    ExpirePayment(SelfPay selfPay) {
        this.selfPay = selfPay;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        selfPay.expire(PaymentProcess.paymentId(execution));
        execution.setVariable(PaymentProcess.CANCELLATION_REASON, "PAYMENT_EXPIRED");
    }
}
