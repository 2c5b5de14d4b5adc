package org.pestle.payments.internal.process;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.pestle.payments.internal.SelfPay;
import org.springframework.stereotype.Component;

/**
 * Task_TextPayLink, Task_TextReminder, Task_TextRetryLink: {@code ${payLinkTexts.send(execution, 'PAY_LINK')}}
 * queues the text in the process's transaction (the outbox sends it).
 */
@Component("payLinkTexts")
public class PayLinkTexts {

    private final SelfPay selfPay;

    PayLinkTexts(SelfPay selfPay) {
        this.selfPay = selfPay;
    }

    /** Queues the pay link text of the given purpose: PAY_LINK, PAY_REMINDER or PAY_RETRY. */
    public void send(DelegateExecution execution, String purpose) {
        Date expiresAt = (Date) execution.getVariable(PaymentProcess.EXPIRES_AT);
        selfPay.textPayLink(PaymentProcess.paymentId(execution), purpose, expiresAt.toInstant());
    }
}
