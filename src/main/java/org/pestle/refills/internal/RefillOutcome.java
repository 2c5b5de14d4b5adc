package org.pestle.refills.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.pestle.platform.DataScope;
import org.pestle.refills.RefillEvent.Kind;
import org.springframework.stereotype.Component;

/** The end events of processes/refill-reminder.bpmn: where the refill ends up, recorded on the refill. */
@Component("refillOutcome")
class RefillOutcome implements ExecutionListener {

    private final RefillRecords records;
    private final RefillEvents events;
    private final DataScope dataScope;

    RefillOutcome(RefillRecords records, RefillEvents events, DataScope dataScope) {
        this.records = records;
        this.events = events;
        this.dataScope = dataScope;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if ("anonymous".equals(dataScope.actor())) {
            dataScope.enterSystem("system:refill-reminders");
        }
        RefillRow refill = records.find(RefillProcess.refillId(execution)).orElseThrow();
        switch (execution.getCurrentActivityId()) {
            case "EndEvent_NotTexted" -> records.state(refill.id(), "OPTED_OUT", "NOT_TEXTED");
            case "EndEvent_NoAnswer" -> records.state(refill.id(), "NO_ANSWER", null);
            case "EndEvent_TextsRevoked" -> {
                records.state(refill.id(), "OPTED_OUT", "TEXTS_REVOKED");
                events.publish(Kind.STOPPED, refill, "patient:sms", "TEXTS_REVOKED");
            }
            case "EndEvent_RefillPaused" -> records.state(refill.id(), "PAUSED", null);
            default -> {
                // EndEvent_RefillOrdered, EndEvent_RefillRefused, EndEvent_PatientCalled, EndEvent_RenewalAnswered:
                // their tasks recorded the outcome.
            }
        }
    }
}
