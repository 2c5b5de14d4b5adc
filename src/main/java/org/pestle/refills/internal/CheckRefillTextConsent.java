package org.pestle.refills.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pestle.messaging.TextMessages;
import org.pestle.platform.DataScope;
import org.springframework.stereotype.Component;

/** Task_CheckConsent: whether the patient takes texts (has not said STOP); the outbox checks again when it sends. */
@Component("checkRefillTextConsent")
class CheckRefillTextConsent implements JavaDelegate {

    private final RefillRecords records;
    private final TextMessages texts;
    private final DataScope dataScope;

    CheckRefillTextConsent(RefillRecords records, TextMessages texts, DataScope dataScope) {
        this.records = records;
        this.texts = texts;
        this.dataScope = dataScope;
    }

    @Override
    public void execute(DelegateExecution execution) {
        dataScope.enterSystem("system:refill-reminders");
        RefillRow refill = records.find(RefillProcess.refillId(execution)).orElseThrow();
        execution.setVariable(RefillProcess.MAY_TEXT, texts.mayText(refill.patientId()));
    }
}
