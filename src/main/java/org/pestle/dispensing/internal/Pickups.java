package org.pestle.dispensing.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.BadUserRequestException;
import org.pestle.dispensing.Dispense;
import org.pestle.dispensing.IdDocument;
import org.pestle.dispensing.PickedUpBy;
import org.pestle.dispensing.PickupRecorded;
import org.pestle.ordering.OrderFulfillment;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Hands a ready order over: who took it, and the identity document checked for a controlled substance. */
@Service
@Transactional
class Pickups {

    private final CompoundingRecords records;
    private final OrderFulfillment fulfillment;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Pickups(CompoundingRecords records, OrderFulfillment fulfillment, ApplicationEventPublisher events, Clock clock) {
        this.records = records;
        this.fulfillment = fulfillment;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @throws BadUserRequestException when the order has nothing waiting to be picked up, or a controlled
     *         substance is handed over without an ID check
     */
    List<Dispense> record(UUID orderId, String recordedBy, PickedUpBy pickedUpBy, IdDocument idDocument) {
        List<Dispense> waiting = records.dispenses("d.order_id = ? and d.picked_up_at is null", "d.line_number",
                orderId);
        if (waiting.isEmpty()) {
            throw new BadUserRequestException("Order " + orderId + " has nothing waiting to be picked up");
        }
        if (idDocument == null && waiting.stream().anyMatch(Dispense::controlled)) {
            throw new BadUserRequestException(
                    "The order holds a controlled substance: check an identity document and choose it");
        }
        Instant now = clock.instant();
        waiting.forEach(d -> records.recordPickup(d.id(), pickedUpBy, idDocument, recordedBy, now));
        fulfillment.pickedUp(orderId);
        Dispense any = waiting.get(0);
        events.publishEvent(new PickupRecorded(orderId, any.orderNumber(), any.organizationId(), any.clinicId(),
                any.patientId(), recordedBy, pickedUpBy, idDocument, waiting.stream().map(Dispense::id).toList()));
        return records.dispenses("d.order_id = ?", "d.line_number", orderId);
    }
}
