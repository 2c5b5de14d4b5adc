package org.pestle.dispensing.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.pestle.dispensing.Dispense;
import org.pestle.dispensing.Dispense.LotTaken;
import org.pestle.dispensing.internal.CompoundingRecords.Check;
import org.pestle.dispensing.internal.CompoundingRecords.Record;
import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.Permissions;
import org.pestle.inventory.LotUse;
import org.pestle.ordering.OrderStatus;
import org.pestle.ordering.OrderView;
import org.pestle.ordering.Orders;
import org.pestle.platform.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/orders/{id}/dispensing}: the order's compounding records (lots, beyond-use date, who
 * compounded and checked), final checks, dispense records (pickup, or shipment and delivery, with who and when)
 * and destroyed preparations, for whoever may read the order.
 * {@code PUT /api/orders/{id}/dispensing/lines/{line}/lots}: the compounder sets a line's lots and quantities
 * before completing the compounding task; an expired, quarantined, short or wrong lot is refused (422).
 */
@RestController
class DispensingController {

    private final Orders orders;
    private final CompoundingRecords records;
    private final Compounding compounding;
    private final Permissions permissions;

    DispensingController(Orders orders, CompoundingRecords records, Compounding compounding, Permissions permissions) {
        this.orders = orders;
        this.records = records;
        this.compounding = compounding;
        this.permissions = permissions;
    }

    @GetMapping("/api/orders/{orderId}/dispensing")
    @Transactional(readOnly = true)
    DispensingView dispensing(@PathVariable UUID orderId) {
        Actor actor = CurrentActor.require();
        if (!orders.readsOrders(actor)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your role does not read orders",
                    List.of());
        }
        OrderView order = orders.find(actor, orderId).orElseThrow(() -> ApiProblem.notFound("Order " + orderId));
        return view(order);
    }

    @PutMapping("/api/orders/{orderId}/dispensing/lines/{lineNumber}/lots")
    @Transactional
    CompoundingView setLots(@PathVariable UUID orderId, @PathVariable int lineNumber,
            @Valid @RequestBody LotsRequest request) {
        Actor actor = CurrentActor.require();
        permissions.require(actor, Action.COMPOUND);
        OrderView order = orders.find(actor, orderId).orElseThrow(() -> ApiProblem.notFound("Order " + orderId));
        if (order.status() != OrderStatus.PAID && order.status() != OrderStatus.COMPOUNDING) {
            throw ApiProblem.conflict("not-compounding", "Order " + order.orderNumber() + " is " + order.status()
                    + ", not waiting to be compounded");
        }
        if (records.draft(orderId, lineNumber).isEmpty()) {
            throw ApiProblem.notFound("Line " + lineNumber + " waiting to be compounded");
        }
        List<LotUse> uses = new ArrayList<>();
        for (LotRequest lot : request.lots()) {
            uses.add(new LotUse(lot.itemId(), lot.lotId(), lot.quantity()));
        }
        try {
            return CompoundingView.of(compounding.setLots(orderId, lineNumber, uses));
        } catch (Compounding.IndexedRefusal refused) {
            throw refused.refusal().asProblem("lots[" + refused.index() + "].lotId");
        }
    }

    private DispensingView view(OrderView order) {
        List<CompoundingView> compoundings = records.ofOrder(order.id()).stream().map(CompoundingView::of).toList();
        List<Check> checks = records.checks(order.id());
        List<Dispense> dispenses = records.dispenses("d.order_id = ?", "d.line_number", order.id());
        return new DispensingView(order.id(), order.orderNumber(), order.status(), compoundings, checks, dispenses,
                records.destructions(order.id()));
    }

    /** A line's lots as the compounder sets them. */
    record LotsRequest(@NotEmpty List<@Valid LotRequest> lots) {
    }

    record LotRequest(@NotNull UUID itemId, @NotNull UUID lotId, @NotNull @Positive BigDecimal quantity) {
    }

    /** The dispensing of an order. */
    record DispensingView(UUID orderId, long orderNumber, OrderStatus status, List<CompoundingView> compoundings,
            List<Check> finalChecks, List<Dispense> dispenses, List<CompoundingRecords.Destruction> destructions) {
    }

    /** One compounding record as the API shows it. */
    record CompoundingView(UUID id, int lineNumber, int attempt, String status, Integer formulationVersion,
            BigDecimal units, String proposalProblem, String controlNumber, String compoundedBy, Instant compoundedAt,
            LocalDate budDate, String budRule, String checkedBy, Instant checkedAt, String sentBackReason,
            String lotDisposition, List<LotTaken> lots) {

        static CompoundingView of(Record r) {
            return new CompoundingView(r.id(), r.lineNumber(), r.attempt(), r.status().name(), r.formulationVersion(),
                    r.units(), r.proposalProblem(), r.controlNumber(), r.compoundedBy(), r.compoundedAt(), r.budDate(),
                    r.budRule(), r.checkedBy(), r.checkedAt(), r.sentBackReason(), r.lotDisposition(), r.lots());
        }
    }
}
