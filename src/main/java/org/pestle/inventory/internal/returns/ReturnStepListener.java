package org.pestle.inventory.internal.returns;

import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pestle.identity.Action;
import org.pestle.identity.Permissions;
import org.pestle.identity.TaskActor;
import org.springframework.stereotype.Component;

/**
 * The user tasks of processes/return-to-wholesaler.bpmn, on complete: who may do the step (a pharmacist for a
 * controlled item, pharmacy staff otherwise; the credit by staff who order stock), the fields it needs, checked
 * again on the server, and the step recorded.
 */
@Component("returnStepListener")
class ReturnStepListener implements TaskListener {

    static final Set<String> DENIALS = Set.of("PAST_RETURN_WINDOW", "NOT_RETURNABLE", "DAMAGED_IN_TRANSIT",
            "QUANTITY_MISMATCH", "OTHER");

    private final WholesalerReturns returns;
    private final Permissions permissions;

    ReturnStepListener(WholesalerReturns returns, Permissions permissions) {
        this.returns = returns;
        this.permissions = permissions;
    }

    @Override
    public void notify(DelegateTask task) {
        UUID returnId = UUID.fromString((String) task.getVariable(ReturnProcess.RETURN_ID));
        int schedule = ((Number) task.getVariable("deaSchedule")).intValue();
        TaskActor actor = TaskActor.of(task);
        switch (task.getTaskDefinitionKey()) {
            case "Task_PharmacistApprovesReturn" -> {
                actor.require(permissions, Action.ADJUST_STOCK, "Only a pharmacist approves a controlled return");
                if (!Boolean.TRUE.equals(task.getVariable("returnApproved"))) {
                    throw new BadUserRequestException("Approve the return (or cancel the process in Cockpit)");
                }
            }
            case "Task_PickReturn" -> {
                requireStaff(actor, schedule);
                returns.step(returnId, "PICKED", actor.userId(), null, null, null, null);
            }
            case "Task_PackReturn" -> {
                requireStaff(actor, schedule);
                String authorization = code(task, "returnAuthorizationNumber");
                if (authorization == null) {
                    throw new BadUserRequestException("Enter the wholesaler's return authorization number");
                }
                String form222 = code(task, "deaForm222Number");
                if (schedule == 2 && form222 == null) {
                    throw new BadUserRequestException("A Schedule II return travels on a DEA Form 222 issued by the "
                            + "receiving registrant: enter its number");
                }
                returns.step(returnId, "PACKED", actor.userId(), authorization, schedule == 2 ? form222 : null, null,
                        null);
            }
            case "Task_ShipReturn" -> {
                requireStaff(actor, schedule);
                returns.step(returnId, "SHIPPED", actor.userId(), null, null, null, null);
            }
            case "Task_RecordReturnCredit" -> {
                actor.require(permissions, Action.ORDER_STOCK, "Only staff who order stock record a credit");
                Object outcome = task.getVariable("creditOutcome");
                if ("CREDITED".equals(outcome)) {
                    BigDecimal amount = amount(task.getVariable("creditAmount"));
                    returns.step(returnId, "CREDITED", actor.userId(), null, null, amount, null);
                } else if ("DENIED".equals(outcome)) {
                    Object reason = task.getVariable("denialReason");
                    if (!(reason instanceof String code && DENIALS.contains(code))) {
                        throw new BadUserRequestException("Choose why the wholesaler denied the credit");
                    }
                    returns.step(returnId, "DENIED", actor.userId(), null, null, null, (String) reason);
                } else {
                    throw new BadUserRequestException("Record whether the wholesaler credited or denied the return");
                }
            }
            default -> throw new IllegalStateException("No step for task " + task.getTaskDefinitionKey());
        }
    }

    private void requireStaff(TaskActor actor, int schedule) {
        if (schedule != 0) {
            actor.require(permissions, Action.ADJUST_STOCK, "A controlled return is handled by a pharmacist");
        } else {
            actor.require(permissions, Action.RECEIVE_STOCK, "Only pharmacy staff handle a return");
        }
    }

    private static String code(DelegateTask task, String name) {
        Object value = task.getVariable(name);
        if (!(value instanceof String s) || s.isBlank()) {
            return null;
        }
        if (!s.strip().matches("[A-Za-z0-9-]{1,40}")) {
            throw new BadUserRequestException(name + " is 1 to 40 letters, digits or dashes");
        }
        return s.strip();
    }

    private static BigDecimal amount(Object value) {
        try {
            BigDecimal amount = value instanceof Number n ? new BigDecimal(n.toString())
                    : new BigDecimal(String.valueOf(value).strip());
            if (amount.signum() < 0 || amount.scale() > 2) {
                throw new NumberFormatException();
            }
            return amount;
        } catch (NumberFormatException e) {
            throw new BadUserRequestException("Enter the credit in dollars and cents, e.g. 125.40");
        }
    }
}
