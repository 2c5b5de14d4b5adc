package org.pestle.payments.internal.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pestle.payments.internal.ClinicPay;
import org.springframework.stereotype.Component;

/** Task_ChargeClinicCard: an off-session charge of the clinic's saved card; sets {@code cardCaptured}. */
@Component("chargeClinicCard")
class ChargeClinicCard implements JavaDelegate {

    private final ClinicPay clinicPay;

    ChargeClinicCard(ClinicPay clinicPay) {
        this.clinicPay = clinicPay;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        execution.setVariable(PaymentProcess.CARD_CAPTURED, clinicPay.chargeCard(PaymentProcess.paymentId(execution)));
    }
}
