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
 * When decisions/verification-level.dmn asks for a second pharmacist (secondPharmacistRequired), the first
 * approval only records the check and Task_SecondFinalCheck (same listener) releases the order, done by a
 * pharmacist who neither compounded it nor checked it first.
 */
@Component("finalCheckListener")
class FinalCheckListener implements TaskListener {

    static final String SECOND_CHECK = "Task_SecondFinalCheck";

    private final FinalChecks checks;
    private final Permissions permissions;

    FinalCheckListener(FinalChecks checks, Permissions permissions) {
        this.checks = checks;
        this.permissions = permissions;
    }

    @Override
    public void notify(DelegateTask task) {
        if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
            // Task_SecondFinalCheck: the first check's decision must not stand for the second pharmacist's
            task.removeVariable(FulfillmentVariables.FINAL_CHECK_DECISION);
            return;
        }
        boolean second = SECOND_CHECK.equals(task.getTaskDefinitionKey());
        String firstChecker = (String) task.getVariable(FulfillmentVariables.FIRST_CHECKED_BY);
        TaskActor actor = TaskActor.of(task).require(Role.PHARMACIST, "Only a pharmacist can do the final check")
                .require(permissions, Action.FINAL_CHECK, "Only a pharmacist can do the final check");
        FinalCheckDecision decision = FinalCheckDecision.of(task.getVariable(FulfillmentVariables.FINAL_CHECK_DECISION))
                .orElseThrow(() -> new BadUserRequestException("Decision must be approve or sendBack"));
        switch (decision) {
            case APPROVE -> {
                if (second) {
                    task.setVariable(FulfillmentVariables.CONTROLLED,
                            checks.approveSecond(FulfillmentVariables.orderId(task), actor.userId(), firstChecker));
                } else if (Boolean.TRUE.equals(task.getVariable(FulfillmentVariables.SECOND_PHARMACIST_REQUIRED))) {
                    checks.approveFirstOfTwo(FulfillmentVariables.orderId(task), actor.userId());
                    task.setVariable(FulfillmentVariables.FIRST_CHECKED_BY, actor.userId());
                } else {
                    task.setVariable(FulfillmentVariables.CONTROLLED,
                            checks.approve(FulfillmentVariables.orderId(task), actor.userId()));
                }
            }
            case SEND_BACK -> {
                SendBackReason reason = FulfillmentVariables.code(SendBackReason.class,
                        task.getVariable(FulfillmentVariables.SEND_BACK_REASON)).orElseThrow(() ->
                        new BadUserRequestException("Sending back needs a reason from the list"));
                LotDisposition disposition = FulfillmentVariables.code(LotDisposition.class,
                        task.getVariable(FulfillmentVariables.LOT_DISPOSITION)).orElseThrow(() ->
                        new BadUserRequestException("Say whether the used lots go back to stock or are destroyed"));
                if (second) {
                    checks.sendBackSecond(FulfillmentVariables.orderId(task), actor.userId(), firstChecker, reason,
                            disposition);
                } else {
                    checks.sendBack(FulfillmentVariables.orderId(task), actor.userId(), reason, disposition);
                }
            }
        }
    }
}
