package org.pestle.dispensing.internal;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pestle.dispensing.LotDisposition;
import org.pestle.dispensing.SendBackReason;
import org.pestle.dispensing.internal.FulfillmentVariables.FinalCheckDecision;
import org.pestle.identity.Action;
import org.pestle.identity.Permissions;
import org.pestle.identity.Role;
import org.pestle.identity.TaskActor;
import org.springframework.stereotype.Component;

/**
 * Task_FinalCheck, on complete: only a pharmacist, never the one who compounded the order, approves it or
 * sends it back with a coded reason and what becomes of the lots; every field is checked again on the server.
 */
@Component("finalCheckListener")
class FinalCheckListener implements TaskListener {

    private final FinalChecks checks;
    private final Permissions permissions;

    FinalCheckListener(FinalChecks checks, Permissions permissions) {
        this.checks = checks;
        this.permissions = permissions;
    }

    @Override
    public void notify(DelegateTask task) {
        TaskActor actor = TaskActor.of(task).require(Role.PHARMACIST, "Only a pharmacist can do the final check")
                .require(permissions, Action.FINAL_CHECK, "Only a pharmacist can do the final check");
        FinalCheckDecision decision = FinalCheckDecision.of(task.getVariable(FulfillmentVariables.FINAL_CHECK_DECISION))
                .orElseThrow(() -> new BadUserRequestException("Decision must be approve or sendBack"));
        switch (decision) {
            case APPROVE -> task.setVariable(FulfillmentVariables.CONTROLLED,
                    checks.approve(FulfillmentVariables.orderId(task), actor.userId()));
            case SEND_BACK -> {
                SendBackReason reason = FulfillmentVariables.code(SendBackReason.class,
                        task.getVariable(FulfillmentVariables.SEND_BACK_REASON)).orElseThrow(() ->
                        new BadUserRequestException("Sending back needs a reason from the list"));
                LotDisposition disposition = FulfillmentVariables.code(LotDisposition.class,
                        task.getVariable(FulfillmentVariables.LOT_DISPOSITION)).orElseThrow(() ->
                        new BadUserRequestException("Say whether the used lots go back to stock or are destroyed"));
                checks.sendBack(FulfillmentVariables.orderId(task), actor.userId(), reason, disposition);
            }
        }
    }
}
