package org.pestle.dispensing.internal;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pestle.dispensing.Carrier;
import org.pestle.dispensing.IdDocument;
import org.pestle.dispensing.PickedUpBy;
import org.pestle.dispensing.internal.FulfillmentVariables.Handover;
import org.pestle.identity.Action;
import org.pestle.identity.Permissions;
import org.pestle.identity.TaskActor;
import org.springframework.stereotype.Component;

/**
 * Task_RecordPickup, on complete: pharmacy staff record the handover, checked again on the server. A pickup
 * (handover PICKUP, the default): who took the order (coded) and, for a controlled substance, the identity
 * document they checked. A shipment (handover SHIP): the carrier and the tracking number; the process then waits
 * in Task_RecordDelivery.
 */
@Component("pickupListener")
class PickupListener implements TaskListener {

    private final Pickups pickups;
    private final Shipments shipments;
    private final Permissions permissions;

    PickupListener(Pickups pickups, Shipments shipments, Permissions permissions) {
        this.pickups = pickups;
        this.shipments = shipments;
        this.permissions = permissions;
    }

    @Override
    public void notify(DelegateTask task) {
        Object chosen = task.getVariable(FulfillmentVariables.HANDOVER);
        Handover handover = chosen == null || "".equals(chosen) ? Handover.PICKUP
                : FulfillmentVariables.code(Handover.class, chosen).orElseThrow(() ->
                        new BadUserRequestException("Choose whether the order is picked up or shipped"));
        task.setVariable(FulfillmentVariables.HANDOVER, handover.name());
        if (handover == Handover.SHIP) {
            ship(task);
            return;
        }
        TaskActor actor = TaskActor.of(task).require(permissions, Action.RECORD_PICKUP,
                "Only pharmacy staff can record a pickup");
        PickedUpBy pickedUpBy = FulfillmentVariables.code(PickedUpBy.class,
                task.getVariable(FulfillmentVariables.PICKED_UP_BY)).orElseThrow(() ->
                new BadUserRequestException("Choose who picked the order up from the list"));
        Object document = task.getVariable(FulfillmentVariables.ID_DOCUMENT);
        IdDocument idDocument = null;
        if (document != null && !"".equals(document)) {
            idDocument = FulfillmentVariables.code(IdDocument.class, document).orElseThrow(() ->
                    new BadUserRequestException("Choose the identity document from the list"));
        }
        pickups.record(FulfillmentVariables.orderId(task), actor.userId(), pickedUpBy, idDocument);
    }

    private void ship(DelegateTask task) {
        TaskActor actor = TaskActor.of(task).require(permissions, Action.RECORD_SHIPMENT,
                "Only pharmacy staff can ship an order");
        Carrier carrier = FulfillmentVariables.code(Carrier.class, task.getVariable(FulfillmentVariables.CARRIER))
                .orElseThrow(() -> new BadUserRequestException("Choose the carrier from the list"));
        String tracking = Shipments.trackingNumber(task.getVariable(FulfillmentVariables.TRACKING_NUMBER));
        if (tracking == null) {
            throw new BadUserRequestException("The tracking number is 6 to 40 letters and digits");
        }
        // the variable keeps the normalized identifier only
        task.setVariable(FulfillmentVariables.TRACKING_NUMBER, tracking);
        shipments.ship(FulfillmentVariables.orderId(task), task.getId(), actor.userId(), carrier, tracking);
    }
}
