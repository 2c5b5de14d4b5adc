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
 * Task_CallPatient: a maintenance medication's refill went unanswered after two reminders; pharmacy staff call the
 * patient and record the coded outcome (checked again on the server).
 */
@Component("adherenceCallListener")
class AdherenceCallListener implements TaskListener {

    static final Set<String> OUTCOMES = Set.of("REACHED_WILL_REFILL", "REACHED_HAS_SUPPLY",
            "REACHED_STOPPED_BY_PRESCRIBER", "REACHED_DECLINED", "NOT_REACHED_MESSAGE_LEFT", "NOT_REACHED",
            "WRONG_NUMBER");

    private final RefillRecords records;
    private final RefillEvents events;
    private final Permissions permissions;
    private final DataScope dataScope;

    AdherenceCallListener(RefillRecords records, RefillEvents events, Permissions permissions, DataScope dataScope) {
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
            records.state(RefillProcess.refillId(task), "ADHERENCE_CALL", "NO_ANSWER");
            return;
        }
        TaskActor actor = TaskActor.of(task).require(permissions, Action.VIEW_PATIENTS,
                "Only staff who may read the patient's record can record a call");
        Object outcome = task.getVariable("adherenceOutcome");
        if (!(outcome instanceof String code) || !OUTCOMES.contains(code)) {
            throw new BadUserRequestException("Choose the outcome of the call from the list");
        }
        RefillRow refill = records.find(RefillProcess.refillId(task)).orElseThrow();
        records.state(refill.id(), "CLOSED", code);
        events.publish(Kind.ADHERENCE_CALL_RECORDED, refill, actor.userId(), code);
    }
}
