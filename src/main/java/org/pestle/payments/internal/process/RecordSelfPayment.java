package org.pestle.payments.internal.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pestle.payments.internal.SelfPay;
import org.springframework.stereotype.Component;

/** Task_RecordSelfPayment: fetches what Stripe reports about the card (brand, last four) and announces the capture. */
@Component("recordSelfPayment")
class RecordSelfPayment implements JavaDelegate {

    private final SelfPay selfPay;

    RecordSelfPayment(SelfPay selfPay) {
        this.selfPay = selfPay;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        selfPay.recordCapture(PaymentProcess.paymentId(execution));
    }
}
