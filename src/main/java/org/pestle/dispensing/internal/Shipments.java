package org.pestle.dispensing.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.BadUserRequestException;
import org.pestle.dispensing.Carrier;
import org.pestle.dispensing.DeliveryRecorded;
import org.pestle.dispensing.Dispense;
import org.pestle.dispensing.ShipmentRecorded;
import org.pestle.ordering.OrderFulfillment;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ships a ready order instead of a pickup (carrier and tracking number on every dispense record, order SHIPPED),
 * then records its delivery (order DELIVERED: the dispense records count as dispensed, as at a pickup).
 */
@Service
@Transactional
class Shipments {

    private final CompoundingRecords records;
    private final OrderFulfillment fulfillment;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Shipments(CompoundingRecords records, OrderFulfillment fulfillment, ApplicationEventPublisher events, Clock clock) {
        this.records = records;
        this.fulfillment = fulfillment;
        this.events = events;
        this.clock = clock;
    }

    /** A tracking number as carriers print it, spaces and dashes taken out; null when it is not one. */
    static String trackingNumber(Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        String plain = text.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
        return plain.matches("[A-Z0-9]{6,40}") ? plain : null;
    }

    /**
     * @throws BadUserRequestException when the order has nothing waiting to be handed over
     */
    List<Dispense> ship(UUID orderId, String taskId, String shippedBy, Carrier carrier, String trackingNumber) {
        List<Dispense> waiting = records.dispenses(
                "d.order_id = ? and d.picked_up_at is null and d.shipped_at is null and d.destroyed_at is null",
                "d.line_number", orderId);
        if (waiting.isEmpty()) {
            throw new BadUserRequestException("Order " + orderId + " has nothing waiting to be handed over");
        }
        Instant now = clock.instant();
        waiting.forEach(d -> records.recordShipment(d.id(), carrier.name(), trackingNumber, shippedBy, now));
        fulfillment.shipped(orderId, shippedBy, carrier.name(), taskId);
        Dispense any = waiting.get(0);
        events.publishEvent(new ShipmentRecorded(orderId, any.orderNumber(), any.organizationId(), any.clinicId(),
                any.patientId(), shippedBy, carrier, trackingNumber, waiting.stream().map(Dispense::id).toList()));
        return records.dispenses("d.order_id = ?", "d.line_number", orderId);
    }

    /**
     * @throws BadUserRequestException when the order has no shipment waiting for its delivery
     */
    List<Dispense> delivered(UUID orderId, String taskId, String recordedBy) {
        List<Dispense> shipped = records.dispenses("d.order_id = ? and d.shipped_at is not null and d.delivered_at is null",
                "d.line_number", orderId);
        if (shipped.isEmpty()) {
            throw new BadUserRequestException("Order " + orderId + " has no shipment waiting for its delivery");
        }
        Instant now = clock.instant();
        shipped.forEach(d -> records.recordDelivery(d.id(), recordedBy, now));
        fulfillment.delivered(orderId, recordedBy, taskId);
        Dispense any = shipped.get(0);
        events.publishEvent(new DeliveryRecorded(orderId, any.orderNumber(), any.organizationId(), any.clinicId(),
                any.patientId(), recordedBy, shipped.stream().map(Dispense::id).toList()));
        return records.dispenses("d.order_id = ?", "d.line_number", orderId);
    }
}
