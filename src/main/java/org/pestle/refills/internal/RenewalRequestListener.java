package org.pestle.refills.internal;

import java.util.Set;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pestle.identity.Action;
import org.pestle.identity.Permissions;
import org.pestle.identity.TaskActor;
import org.pestle.platform.DataScope;
import org.pestle.refills.RefillEvent.Kind;
import org.springframework.stereotype.Component;

/**
 * Task_RequestRenewal, assigned to the prescriber: on create the renewal request is recorded (instead of a
 * reminder, the patient's refill cannot be filled); on complete the prescriber's coded decision, checked again on
 * the server (a form is client-side only).
 */
@Component("renewalRequestListener")
class RenewalRequestListener implements TaskListener {

    static final Set<String> DECISIONS = Set.of("WILL_PRESCRIBE", "NOT_RENEWED", "SEE_PATIENT_FIRST");

    private final RefillRecords records;
    private final RefillEvents events;
    private final Permissions permissions;
    private final DataScope dataScope;

    RenewalRequestListener(RefillRecords records, RefillEvents events, Permissions permissions, DataScope dataScope) {
        this.records = records;
        this.events = events;
        this.permissions = permissions;
        this.dataScope = dataScope;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            if ("anonymous".equals(dataScope.actor())) {
                dataScope.enterSystem("system:refill-reminders");
            }
            RefillRow refill = records.find(RefillProcess.refillId(task)).orElseThrow();
            String reason = (String) task.getVariable(RefillProcess.REFILL_REASON);
            records.state(refill.id(), "RENEWAL_REQUESTED", reason);
            events.publish(Kind.RENEWAL_REQUESTED, refill, "system:refill-reminders", reason);
            return;
        }
        TaskActor actor = TaskActor.of(task).require(permissions, Action.ORDER,
                "Only the prescriber can answer a renewal request");
        Object decision = task.getVariable("renewalDecision");
        if (!(decision instanceof String code) || !DECISIONS.contains(code)) {
            throw new BadUserRequestException("Choose your decision from the list");
        }
        RefillRow refill = records.find(RefillProcess.refillId(task)).orElseThrow();
        records.state(refill.id(), "CLOSED", "RENEWAL_" + code);
        events.publish(Kind.RENEWAL_ANSWERED, refill, actor.userId(), code);
    }
}
