package org.pestle.dispensing.internal;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pestle.identity.Action;
import org.pestle.identity.Permissions;
import org.pestle.identity.TaskActor;
import org.springframework.stereotype.Component;

/**
 * Task_CompoundOrder. On create: the draft compounding record of each line, lots proposed first expiry first
 * out. On assignment (claimed): the order is being compounded. On complete: checks who completes and the
 * form again on the server, then debits the lots, computes the beyond-use dates and moves the order to its
 * final check, in the completing transaction; a refusal leaves the task open with the reason shown.
 */
@Component("compoundingTaskListener")
class CompoundingTaskListener implements TaskListener {

    private final Compounding compounding;
    private final Permissions permissions;

    CompoundingTaskListener(Compounding compounding, Permissions permissions) {
        this.compounding = compounding;
        this.permissions = permissions;
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> {
                // a compounding after a send-back starts with empty forms
                FulfillmentVariables.OF_A_ROUND.forEach(task.getExecution()::removeVariable);
                compounding.draft(FulfillmentVariables.orderId(task));
            }
            case EVENTNAME_ASSIGNMENT -> {
                if (task.getAssignee() != null) {
                    compounding.started(FulfillmentVariables.orderId(task));
                }
            }
            case EVENTNAME_COMPLETE -> complete(task);
            default -> {
                // no other event is configured
            }
        }
    }

    private void complete(DelegateTask task) {
        TaskActor actor = TaskActor.of(task).require(permissions, Action.COMPOUND,
                "Only a pharmacy technician or a pharmacist can compound an order");
        if (!Boolean.TRUE.equals(task.getVariable(FulfillmentVariables.COMPOUNDING_CONFIRMED))) {
            throw new BadUserRequestException("Confirm that the preparation was made from the recorded lots");
        }
        compounding.complete(FulfillmentVariables.orderId(task), actor.userId());
        task.setVariable(FulfillmentVariables.COMPOUNDED_BY, actor.userId());
    }
}
