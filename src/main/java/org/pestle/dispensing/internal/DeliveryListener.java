package org.pestle.dispensing.internal;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pestle.identity.Action;
import org.pestle.identity.Permissions;
import org.pestle.identity.TaskActor;
import org.springframework.stereotype.Component;

/**
 * Task_RecordDelivery, on complete: pharmacy staff record that the carrier delivered the shipped order; the order
 * is DELIVERED and its lines dispensed, as at a pickup. Checked again on the server.
 */
@Component("deliveryListener")
class DeliveryListener implements TaskListener {

    private final Shipments shipments;
    private final Permissions permissions;

    DeliveryListener(Shipments shipments, Permissions permissions) {
        this.shipments = shipments;
        this.permissions = permissions;
    }

    @Override
    public void notify(DelegateTask task) {
        TaskActor actor = TaskActor.of(task).require(permissions, Action.RECORD_SHIPMENT,
                "Only pharmacy staff can record a delivery");
        if (!Boolean.TRUE.equals(task.getVariable(FulfillmentVariables.DELIVERY_CONFIRMED))) {
            throw new BadUserRequestException("Confirm that the carrier delivered the shipment");
        }
        shipments.delivered(FulfillmentVariables.orderId(task), task.getId(), actor.userId());
    }
}
