package org.pestle.refills.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.pestle.catalog.Catalog;
import org.pestle.dispensing.Dispense;
import org.pestle.dispensing.Dispenses;
import org.pestle.dispensing.DeliveryRecorded;
import org.pestle.dispensing.PickupRecorded;
import org.pestle.ordering.OrderView;
import org.pestle.ordering.Orders;
import org.pestle.ordering.RefillOrders;
import org.pestle.ordering.RefillOrders.RefillOf;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Starts a refill reminder process for every dispensed line once it is in the patient's hands: on pickup
 * ({@link PickupRecorded}) or delivery of a shipment ({@link DeliveryRecorded}). In the transaction that
 * records the handover, so a pickup is never without its refill schedule. A line with no refills left gets one
 * too: when its supply runs low, the prescriber is asked to renew instead of the patient reminded.
 */
@Service
class RefillSchedules {

    private final Dispenses dispenses;
    private final Orders orders;
    private final RefillOrders refillOrders;
    private final Catalog catalog;
    private final RefillRecords records;
    private final RefillProcess process;
    private final ZoneId zone;

    RefillSchedules(Dispenses dispenses, Orders orders, RefillOrders refillOrders, Catalog catalog,
            RefillRecords records, RefillProcess process,
            @Value("${pestle.time-zone}") ZoneId zone) {
        this.dispenses = dispenses;
        this.orders = orders;
        this.refillOrders = refillOrders;
        this.catalog = catalog;
        this.records = records;
        this.process = process;
        this.zone = zone;
    }

    @EventListener
    void on(PickupRecorded event) {
        dispensed(event.orderId(), event.dispenseIds());
    }

    @EventListener
    void on(DeliveryRecorded event) {
        dispensed(event.orderId(), event.dispenseIds());
    }

    /** Schedules the refills of these dispenses of the order (once per dispense). */
    void dispensed(UUID orderId, List<UUID> dispenseIds) {
        OrderView order = orders.findForSystem(orderId).orElseThrow();
        RefillOf link = refillOrders.refillOf(orderId).orElse(null);
        OrderView prescription = link == null ? order : orders.findForSystem(link.prescriptionOrderId()).orElseThrow();
        for (Dispense dispense : dispenses.ofOrder(orderId)) {
            if (!dispenseIds.contains(dispense.id())) {
                continue;
            }
            OrderView.Line line = order.lines().get(dispense.lineNumber() - 1);
            int prescriptionLine = link == null ? dispense.lineNumber() : link.prescriptionLine();
            int refillNumber = link == null ? 1 : link.refillNumber() + 1;
            LocalDate handedOver = LocalDate.ofInstant(dispense.pickedUpAt() == null ? dispense.releasedAt()
                    : dispense.pickedUpAt(), zone);
            RefillRow refill = new RefillRow(dispense.id(), dispense.organizationId(), dispense.clinicId(),
                    dispense.patientId(), prescription.id(), prescriptionLine, prescription.createdAt(), orderId,
                    order.orderNumber(), dispense.lineNumber(), line.compoundId(), dispense.controlledSchedule(),
                    catalog.isMaintenance(line.compoundId()), line.daysSupply(), refillNumber,
                    line.refillsAuthorized(), dispense.pickedUpAt() == null ? dispense.releasedAt()
                            : dispense.pickedUpAt(), handedOver.plusDays(line.daysSupply()), "SCHEDULED", 0, null);
            if (records.insert(refill)) {
                records.processStarted(refill.id(), process.start(refill));
            }
        }
    }
}
