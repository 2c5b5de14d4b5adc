package org.pestle.dispensing.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.BadUserRequestException;
import org.pestle.catalog.Catalog;
import org.pestle.catalog.Compound;
import org.pestle.dispensing.FinalCheckPassed;
import org.pestle.dispensing.FirstOfTwoFinalChecksPassed;
import org.pestle.dispensing.LotDisposition;
import org.pestle.dispensing.PreparationsSentBack;
import org.pestle.dispensing.SendBackReason;
import org.pestle.dispensing.internal.CompoundingRecords.Record;
import org.pestle.dispensing.internal.CompoundingRecords.Status;
import org.pestle.inventory.LotUse;
import org.pestle.inventory.Stock;
import org.pestle.ordering.OrderFulfillment;
import org.pestle.ordering.OrderView;
import org.pestle.ordering.Orders;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pharmacist's final check of an order's compounded preparations: release them (dispense records, order
 * READY) or send them back to compounding with a coded reason, their lots returned to stock or destroyed. The
 * pharmacist who compounded a preparation never checks it.
 */
@Service
@Transactional
class FinalChecks {

    private final CompoundingRecords records;
    private final Orders orders;
    private final OrderFulfillment fulfillment;
    private final Catalog catalog;
    private final Stock stock;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    FinalChecks(CompoundingRecords records, Orders orders, OrderFulfillment fulfillment, Catalog catalog, Stock stock,
            ApplicationEventPublisher events, Clock clock) {
        this.records = records;
        this.orders = orders;
        this.fulfillment = fulfillment;
        this.catalog = catalog;
        this.stock = stock;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Releases the order's compounded preparations.
     *
     * @return whether any line is a controlled substance (its pickup needs an ID check)
     * @throws BadUserRequestException when the checker compounded a preparation of the order
     */
    boolean approve(UUID orderId, String pharmacist) {
        return release(orderId, pharmacist, 1);
    }

    /**
     * The first of two pharmacists passes the check (decisions/verification-level.dmn asks for a second):
     * recorded, nothing released; the order stays in its FINAL_CHECK.
     */
    void approveFirstOfTwo(UUID orderId, String pharmacist) {
        List<Record> compounded = checkable(orderId, pharmacist);
        Record any = compounded.get(0);
        records.insertCheck(any, 1, pharmacist, clock.instant(), "APPROVED", null, null);
        events.publishEvent(new FirstOfTwoFinalChecksPassed(orderId, any.orderNumber(), any.organizationId(),
                any.clinicId(), any.patientId(), pharmacist));
    }

    /**
     * The second pharmacist's check releases the preparations, as {@link #approve} does.
     *
     * @throws BadUserRequestException when the pharmacist compounded the order or did its first check
     */
    boolean approveSecond(UUID orderId, String pharmacist, String firstChecker) {
        requireSecond(pharmacist, firstChecker);
        return release(orderId, pharmacist, 2);
    }

    /** Sends back from the second pharmacist's check, as {@link #sendBack} does. */
    void sendBackSecond(UUID orderId, String pharmacist, String firstChecker, SendBackReason reason,
            LotDisposition disposition) {
        requireSecond(pharmacist, firstChecker);
        sendBack(orderId, pharmacist, reason, disposition, 2);
    }

    private static void requireSecond(String pharmacist, String firstChecker) {
        if (pharmacist.equals(firstChecker)) {
            throw new BadUserRequestException(
                    "The second final check must be done by another pharmacist than the one who checked first");
        }
    }

    private boolean release(UUID orderId, String pharmacist, int step) {
        List<Record> compounded = checkable(orderId, pharmacist);
        OrderView order = orders.findForSystem(orderId).orElseThrow();
        Instant now = clock.instant();
        records.insertCheck(compounded.get(0), step, pharmacist, now, "APPROVED", null, null);
        List<UUID> dispenses = new ArrayList<>();
        boolean controlled = false;
        for (Record record : compounded) {
            records.markChecked(record.id(), pharmacist, now);
            OrderView.Line line = order.lines().get(record.lineNumber() - 1);
            int schedule = catalog.find(record.compoundId()).map(Compound::controlledSchedule).orElse(0);
            controlled |= schedule != 0;
            dispenses.add(records.insertDispense(record, line.quantity(), schedule, pharmacist, now));
        }
        fulfillment.readyForPickup(orderId);
        Record any = compounded.get(0);
        events.publishEvent(new FinalCheckPassed(orderId, any.orderNumber(), any.organizationId(), any.clinicId(),
                any.patientId(), pharmacist, List.copyOf(dispenses)));
        return controlled;
    }

    /**
     * Sends the order's compounded preparations back to compounding; with {@link LotDisposition#RETURN} what
     * each took goes back to its lots, with {@link LotDisposition#DESTROY} the debit stands and the ledger records the destruction (a DESTROYED
     * movement per lot, reason PREPARATION_SENT_BACK).
     */
    void sendBack(UUID orderId, String pharmacist, SendBackReason reason, LotDisposition disposition) {
        sendBack(orderId, pharmacist, reason, disposition, 1);
    }

    private void sendBack(UUID orderId, String pharmacist, SendBackReason reason, LotDisposition disposition,
            int step) {
        List<Record> compounded = checkable(orderId, pharmacist);
        Instant now = clock.instant();
        records.insertCheck(compounded.get(0), step, pharmacist, now, "SENT_BACK", reason, disposition);
        for (Record record : compounded) {
            if (disposition == LotDisposition.RETURN) {
                stock.returnFromCompounding(record.id().toString(), pharmacist, record.lots().stream()
                        .map(lot -> new LotUse(lot.itemId(), lot.lotId(), lot.quantity())).toList());
            } else {
                stock.destroyedWithPreparation(record.id().toString(), pharmacist, "PREPARATION_SENT_BACK");
            }
            records.markSentBack(record.id(), pharmacist, now, reason, disposition);
        }
        fulfillment.sentBackToCompounding(orderId);
        Record any = compounded.get(0);
        events.publishEvent(new PreparationsSentBack(orderId, any.orderNumber(), any.organizationId(),
                any.clinicId(), any.patientId(), pharmacist, reason, disposition,
                compounded.stream().map(Record::id).toList()));
    }

    private List<Record> checkable(UUID orderId, String pharmacist) {
        List<Record> compounded = records.inStatus(orderId, Status.COMPOUNDED);
        if (compounded.isEmpty()) {
            throw new BadUserRequestException("Order " + orderId + " has no compounded preparation to check");
        }
        if (compounded.stream().anyMatch(r -> pharmacist.equals(r.compoundedBy()))) {
            throw new BadUserRequestException(
                    "The final check must be done by another pharmacist than the one who compounded the order");
        }
        return compounded;
    }
}
