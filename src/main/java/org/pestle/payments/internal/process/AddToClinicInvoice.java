package org.pestle.payments.internal.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pestle.payments.internal.ClinicPay;
import org.springframework.stereotype.Component;

/** Task_AddToInvoice: puts the order on its clinic's monthly invoice. */
@Component("addToClinicInvoice")
class AddToClinicInvoice implements JavaDelegate {

    private final ClinicPay clinicPay;

    AddToClinicInvoice(ClinicPay clinicPay) {
        this.clinicPay = clinicPay;
    }

    @Override
    public void execute(DelegateExecution execution) {
        clinicPay.addToInvoice(PaymentProcess.paymentId(execution));
    }
}
