package org.pestle.dispensing.internal;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pestle.dispensing.IdDocument;
import org.pestle.dispensing.PickedUpBy;
import org.pestle.identity.Action;
import org.pestle.identity.Permissions;
import org.pestle.identity.TaskActor;
import org.springframework.stereotype.Component;

/**
 * Task_RecordPickup, on complete: pharmacy staff record who took the order (coded) and, for a controlled
 * substance, the identity document they checked; checked again on the server.
 */
@Component("pickupListener")
class PickupListener implements TaskListener {

    private final Pickups pickups;
    private final Permissions permissions;

    PickupListener(Pickups pickups, Permissions permissions) {
        this.pickups = pickups;
        this.permissions = permissions;
    }

    @Override
    public void notify(DelegateTask task) {
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
}
