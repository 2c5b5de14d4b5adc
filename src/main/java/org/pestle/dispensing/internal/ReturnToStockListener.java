package org.pestle.dispensing.internal;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pestle.dispensing.ReturnReason;
import org.pestle.identity.Action;
import org.pestle.identity.Permissions;
import org.pestle.identity.Role;
import org.pestle.identity.TaskActor;
import org.springframework.stereotype.Component;

/**
 * Task_ReturnToStock, on complete: only a pharmacist confirms that the unclaimed order's compounded preparation was
 * destroyed and gives the coded reason; the preparation is recorded DESTROYED (never returned to stock), the order
 * ends RETURNED and payments refunds it. Checked again on the server.
 */
@Component("returnToStockListener")
class ReturnToStockListener implements TaskListener {

    private final Destructions destructions;
    private final Permissions permissions;

    ReturnToStockListener(Destructions destructions, Permissions permissions) {
        this.destructions = destructions;
        this.permissions = permissions;
    }

    @Override
    public void notify(DelegateTask task) {
        TaskActor actor = TaskActor.of(task).require(Role.PHARMACIST, "Only a pharmacist can return an order to stock")
                .require(permissions, Action.RETURN_TO_STOCK, "Only a pharmacist can return an order to stock");
        ReturnReason reason = FulfillmentVariables.code(ReturnReason.class,
                task.getVariable(FulfillmentVariables.RETURN_REASON)).orElseThrow(() ->
                new BadUserRequestException("Choose why the order is returned from the list"));
        if (!Boolean.TRUE.equals(task.getVariable(FulfillmentVariables.PREPARATION_DESTROYED))) {
            throw new BadUserRequestException(
                    "Confirm that the compounded preparation was destroyed: it never goes back to stock");
        }
        destructions.returnToStock(FulfillmentVariables.orderId(task), actor.userId(), reason, task.getId());
    }
}
