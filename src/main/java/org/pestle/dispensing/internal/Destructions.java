package org.pestle.dispensing.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.BadUserRequestException;
import org.pestle.dispensing.PreparationsDestroyed;
import org.pestle.dispensing.ReturnReason;
import org.pestle.dispensing.internal.CompoundingRecords.Record;
import org.pestle.inventory.Stock;
import org.pestle.ordering.OrderFulfillment;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Destroys compounded preparations that are never handed over: an unclaimed order at the clinic's return-to-stock
 * day (a pharmacist's task; the order ends RETURNED and payments refunds it) or a cancelled order (settled by the
 * process afterwards). A preparation never goes back to stock: its compounding debit stands and the ledger gets a
 * DESTROYED movement per ingredient lot ({@link Stock#destroyedWithPreparation}), in the same transaction as the
 * records and the order's move.
 */
@Service
@Transactional
class Destructions {

    static final String CANCELLED = "ORDER_CANCELLED";

    private final CompoundingRecords records;
    private final Stock stock;
    private final OrderFulfillment fulfillment;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Destructions(CompoundingRecords records, Stock stock, OrderFulfillment fulfillment, ApplicationEventPublisher events,
            Clock clock) {
        this.records = records;
        this.stock = stock;
        this.fulfillment = fulfillment;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The pharmacist destroyed the unclaimed order's preparations: DESTROYED records and ledger movements, order
     * RETURNED with the reason (the refund follows from its event).
     *
     * @throws BadUserRequestException when the order has no preparation waiting to be handed over
     */
    List<UUID> returnToStock(UUID orderId, String pharmacist, ReturnReason reason, String taskId) {
        List<Record> made = records.madeAndNotHandedOver(orderId);
        if (made.isEmpty()) {
            throw new BadUserRequestException("Order " + orderId + " has no preparation waiting to be handed over");
        }
        List<UUID> destroyed = destroy(made, pharmacist, reason.name());
        fulfillment.returnedToStock(orderId, pharmacist, reason.name(), taskId);
        return destroyed;
    }

    /**
     * A cancelled order's preparations that were made (compounded, or checked and not handed over) are destroyed,
     * by the system actor of the settling step; a second call finds nothing.
     */
    List<UUID> settleCancelled(UUID orderId, String actor) {
        List<Record> made = records.madeAndNotHandedOver(orderId);
        return made.isEmpty() ? List.of() : destroy(made, actor, CANCELLED);
    }

    private List<UUID> destroy(List<Record> made, String by, String reason) {
        Instant now = clock.instant();
        for (Record record : made) {
            stock.destroyedWithPreparation(record.id().toString(), by, "PREPARATION_" + reason);
            records.markDestroyed(record.id(), by, now, reason);
        }
        Record any = made.get(0);
        List<UUID> ids = made.stream().map(Record::id).toList();
        events.publishEvent(new PreparationsDestroyed(any.orderId(), any.orderNumber(), any.organizationId(),
                any.clinicId(), any.patientId(), by, reason, ids));
        return ids;
    }
}
