package org.pestle.refills.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pestle.ordering.RefillOrders;
import org.pestle.ordering.RefillOrders.Placed;
import org.pestle.ordering.RefillOrders.Refill;
import org.pestle.platform.DataScope;
import org.pestle.refills.RefillEvent.Kind;
import org.springframework.stereotype.Component;

/**
 * Task_PlaceRefillOrder (asynchronous, retried): the refill order, linked to the prescription and line with its
 * refill number, goes into the pharmacist's queue through ordering like any order. A retry places nothing twice.
 */
@Component("placeRefillOrder")
class PlaceRefillOrder implements JavaDelegate {

    private final RefillRecords records;
    private final RefillOrders refillOrders;
    private final RefillEvents events;
    private final DataScope dataScope;

    PlaceRefillOrder(RefillRecords records, RefillOrders refillOrders, RefillEvents events, DataScope dataScope) {
        this.records = records;
        this.refillOrders = refillOrders;
        this.events = events;
        this.dataScope = dataScope;
    }

    @Override
    public void execute(DelegateExecution execution) {
        dataScope.enterSystem("system:refill-reminders");
        RefillRow refill = records.find(RefillProcess.refillId(execution)).orElseThrow();
        String via = "PATIENT_PAGE".equals(execution.getVariable("answeredVia")) ? "patient:page" : "patient:sms";
        Placed placed = refillOrders.place(new Refill(refill.prescriptionOrderId(), refill.prescriptionLine(),
                refill.dispensedOrderId(), refill.dispensedLine(), refill.refillNumber(), refill.refillsLeft() - 1,
                via));
        records.ordered(refill.id(), placed.orderId());
        execution.setVariable("refillOrderId", placed.orderId().toString());
        if (!placed.replayed()) {
            events.publish(Kind.ORDERED, refill, via, String.valueOf(placed.orderNumber()));
        }
    }
}
