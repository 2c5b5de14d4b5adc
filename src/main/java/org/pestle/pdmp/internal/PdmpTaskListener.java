package org.pestle.pdmp.internal;

import java.util.UUID;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pestle.identity.Action;
import org.pestle.identity.Permissions;
import org.pestle.identity.TaskActor;
import org.springframework.stereotype.Component;

/**
 * The pharmacists' PDMP tasks, on complete, checked again on the server: Task_CompleteRecord (a value the state
 * requires was missing; it is now on record), Task_CorrectRecord (the state refused a record: REVISE or VOID),
 * Task_EscalateDeadline (a dispense near its reporting deadline: acknowledged). On create, Task_CompleteRecord
 * gets the name of the missing element as a task variable.
 */
@Component("pdmpTaskListener")
class PdmpTaskListener implements TaskListener {

    private final Corrections corrections;
    private final Permissions permissions;

    PdmpTaskListener(Corrections corrections, Permissions permissions) {
        this.corrections = corrections;
        this.permissions = permissions;
    }

    @Override
    public void notify(DelegateTask task) {
        if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
            if ("Task_CompleteRecord".equals(task.getTaskDefinitionKey())) {
                // the element's name (our own constant, never a value) for the form
                task.setVariableLocal("missingField", corrections.missingField(recordId(task)));
            }
            return;
        }
        TaskActor.of(task).require(permissions, Action.CORRECT_PDMP, "Only a pharmacist can answer a PDMP task");
        switch (task.getTaskDefinitionKey()) {
            case "Task_CompleteRecord" -> corrections.valueCompleted(recordId(task));
            case "Task_CorrectRecord" -> corrections.resolve(recordId(task), resolution(task.getVariable(ReportingProcess.RESOLUTION)));
            default -> {
                // Task_EscalateDeadline: acknowledged; the records themselves show in GET /api/pdmp/records
            }
        }
    }

    static Corrections.Resolution resolution(Object value) {
        if (value instanceof String code) {
            for (Corrections.Resolution r : Corrections.Resolution.values()) {
                if (r.name().equals(code)) {
                    return r;
                }
            }
        }
        throw new BadUserRequestException("Choose REVISE (the record is corrected at its source) or VOID");
    }

    private static UUID recordId(DelegateTask task) {
        return UUID.fromString((String) task.getVariable(ReportingProcess.RECORD_ID));
    }
}
