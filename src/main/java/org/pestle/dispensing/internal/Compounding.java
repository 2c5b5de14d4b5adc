package org.pestle.dispensing.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.BadUserRequestException;
import org.pestle.catalog.BeyondUseDate;
import org.pestle.catalog.BeyondUseDates;
import org.pestle.catalog.BeyondUseDates.NoDefaultBeyondUseDate;
import org.pestle.catalog.MasterFormulation;
import org.pestle.catalog.MasterFormulations;
import org.pestle.dispensing.Dispense.LotTaken;
import org.pestle.dispensing.PreparationCompounded;
import org.pestle.dispensing.internal.CompoundingRecords.Record;
import org.pestle.dispensing.internal.CompoundingRecords.Status;
import org.pestle.inventory.LotUse;
import org.pestle.inventory.Stock;
import org.pestle.inventory.StockLot;
import org.pestle.inventory.StockRefused;
import org.pestle.inventory.StockRefused.Reason;
import org.pestle.ordering.OrderFulfillment;
import org.pestle.ordering.OrderView;
import org.pestle.ordering.Orders;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.Clinics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Compounding an order: the draft compounding record of each line with its first-expiry-first-out lot
 * proposal, lots the compounder changes, and the completion that debits the stock, computes the beyond-use
 * date and moves the order to its final check, all in one transaction.
 */
@Service
@Transactional
class Compounding {

    static final String NO_FORMULATION = "NO_FORMULATION";
    static final String NOT_ENOUGH_STOCK = "NOT_ENOUGH_STOCK";

    private final CompoundingRecords records;
    private final Orders orders;
    private final OrderFulfillment fulfillment;
    private final Clinics clinics;
    private final MasterFormulations formulations;
    private final BeyondUseDates beyondUseDates;
    private final Stock stock;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ZoneId zone;

    Compounding(CompoundingRecords records, Orders orders, OrderFulfillment fulfillment, Clinics clinics,
            MasterFormulations formulations, BeyondUseDates beyondUseDates, Stock stock,
            ApplicationEventPublisher events, Clock clock,
            @Value("${pestle.time-zone:America/New_York}") ZoneId zone) {
        this.records = records;
        this.orders = orders;
        this.fulfillment = fulfillment;
        this.clinics = clinics;
        this.formulations = formulations;
        this.beyondUseDates = beyondUseDates;
        this.stock = stock;
        this.events = events;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * Writes the draft record of every line for the next attempt, with the lots proposed first expiry first
     * out from the current formula. A line whose formula is missing or whose stock is short gets a draft with
     * that problem (the task opens all the same; completing it is refused until stock or lots are there).
     */
    List<Record> draft(UUID orderId) {
        OrderView order = orders.findForSystem(orderId).orElseThrow(() -> new IllegalStateException(
                "Order " + orderId + " is not found"));
        UUID organizationId = clinics.find(order.clinicId()).map(Clinic::organizationId).orElseThrow();
        int attempt = records.nextAttempt(orderId);
        List<Record> drafts = new ArrayList<>();
        for (OrderView.Line line : order.lines()) {
            Optional<MasterFormulation> formulation = formulations.current(line.compoundId());
            String problem = formulation.isEmpty() ? NO_FORMULATION : null;
            List<LotTaken> lots = new ArrayList<>();
            if (formulation.isPresent()) {
                for (MasterFormulation.Ingredient ingredient : formulation.get().ingredientsFor(line.quantity())) {
                    try {
                        lots.addAll(taken(stock.propose(ingredient.itemId(), ingredient.quantityPerUnit())));
                    } catch (StockRefused refused) {
                        problem = NOT_ENOUGH_STOCK;
                    }
                }
            }
            Record draft = new Record(UUID.randomUUID(), organizationId, order.clinicId(), order.patientId(), orderId,
                    order.orderNumber(), line.lineNumber(), attempt, line.compoundId(),
                    formulation.map(MasterFormulation::version).orElse(null), line.quantity(), Status.DRAFT, problem,
                    null, null, null, null, null, null, null, null, null, lots);
            records.insertDraft(draft);
            drafts.add(draft);
        }
        return drafts;
    }

    /** Someone claimed the compounding task: a paid order is now being compounded. */
    void started(UUID orderId) {
        fulfillment.compoundingStarted(orderId);
    }

    /**
     * The compounder sets the lots of a line's draft (actual quantities). Every lot must be known, of an
     * ingredient of the formula, available (not quarantined), not expired and hold the quantity.
     *
     * @throws StockRefused naming the index of the use at fault in its message's lot id
     */
    Record setLots(UUID orderId, int lineNumber, List<LotUse> uses) {
        Record draft = records.draft(orderId, lineNumber).orElseThrow(() -> new IllegalStateException(
                "Line " + lineNumber + " of order " + orderId + " is not waiting to be compounded"));
        MasterFormulation formulation = formulation(draft);
        Set<UUID> items = formulation.ingredients().stream().map(MasterFormulation.Ingredient::itemId)
                .collect(Collectors.toSet());
        Map<UUID, StockLot> lots = stock.lots(uses.stream().map(LotUse::lotId).toList()).stream()
                .collect(Collectors.toMap(StockLot::id, lot -> lot));
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        for (int i = 0; i < uses.size(); i++) {
            LotUse use = uses.get(i);
            StockLot lot = lots.get(use.lotId());
            Reason refusal = lot == null ? Reason.UNKNOWN_LOT
                    : !items.contains(lot.itemId()) || !lot.itemId().equals(use.itemId()) ? Reason.WRONG_ITEM
                    // expired first: the daily expiry check quarantines expired lots, and "expired" says why
                    : lot.expiredOn(today) ? Reason.EXPIRED
                    : lot.status() == StockLot.LotStatus.QUARANTINED ? Reason.QUARANTINED
                    : lot.onHand().compareTo(use.quantity()) < 0 ? Reason.SHORT : null;
            if (refusal != null) {
                throw new IndexedRefusal(i, new StockRefused(refusal, use.itemId(), use.lotId(),
                        "Lot " + use.lotId() + " " + refusal.explanation()));
            }
        }
        List<LotTaken> taken = taken(uses);
        Set<UUID> covered = taken.stream().map(LotTaken::itemId).collect(Collectors.toSet());
        records.replaceLots(draft.id(), taken);
        records.setProposalProblem(draft.id(), covered.containsAll(items) ? null : NOT_ENOUGH_STOCK);
        return records.draft(orderId, lineNumber).orElseThrow();
    }

    /**
     * The compounder completed the task: every draft's lots are debited (refused, and nothing written, for a
     * lot that is expired, quarantined or short by now), its beyond-use date computed and its control number
     * given; the order moves to its final check.
     *
     * @throws BadUserRequestException when a line cannot be compounded as recorded (the task stays open)
     */
    List<Record> complete(UUID orderId, String compoundedBy) {
        List<Record> drafts = records.inStatus(orderId, Status.DRAFT);
        if (drafts.isEmpty()) {
            throw new BadUserRequestException("Order " + orderId + " has no preparation waiting to be compounded");
        }
        Instant now = clock.instant();
        for (Record draft : drafts) {
            MasterFormulation formulation = formulation(draft);
            Set<UUID> items = formulation.ingredients().stream().map(MasterFormulation.Ingredient::itemId)
                    .collect(Collectors.toSet());
            Set<UUID> covered = draft.lots().stream().map(LotTaken::itemId).collect(Collectors.toSet());
            if (draft.proposalProblem() != null || !covered.containsAll(items)) {
                throw new BadUserRequestException("Line " + draft.lineNumber() + " has no lot for every ingredient ("
                        + (draft.proposalProblem() == null ? NOT_ENOUGH_STOCK : draft.proposalProblem())
                        + "): receive stock or set the line's lots, then complete again");
            }
            List<LotUse> uses = draft.lots().stream()
                    .map(lot -> new LotUse(lot.itemId(), lot.lotId(), lot.quantity())).toList();
            try {
                stock.debitForCompounding(draft.id().toString(), compoundedBy, uses);
            } catch (StockRefused refused) {
                throw new BadUserRequestException("Line " + draft.lineNumber() + ": " + refused.getMessage()
                        + " (" + refused.reason() + "); set other lots for the line, then complete again");
            }
            BeyondUseDate bud;
            try {
                bud = beyondUseDates.forPreparation(draft.compoundId(), draft.formulationVersion(), now,
                        uses.stream().map(LotUse::lotId).distinct().toList());
            } catch (NoDefaultBeyondUseDate none) {
                throw new BadUserRequestException("Line " + draft.lineNumber()
                        + ": the beyond-use date table has no default for this formula");
            }
            String controlNumber = "CR-" + draft.orderNumber() + "-" + draft.lineNumber() + "-" + draft.attempt();
            records.markCompounded(draft.id(), controlNumber, compoundedBy, now, bud);
            events.publishEvent(new PreparationCompounded(draft.id(), orderId, draft.orderNumber(),
                    draft.lineNumber(), draft.organizationId(), draft.clinicId(), draft.patientId(), compoundedBy,
                    draft.formulationVersion(), controlNumber, bud.date(), draft.lots()));
        }
        fulfillment.compounded(orderId);
        return records.inStatus(orderId, Status.COMPOUNDED);
    }

    private MasterFormulation formulation(Record draft) {
        if (draft.formulationVersion() == null) {
            throw new BadUserRequestException("Line " + draft.lineNumber() + " has no master formulation record ("
                    + NO_FORMULATION + ")");
        }
        return formulations.version(draft.compoundId(), draft.formulationVersion()).orElseThrow();
    }

    private List<LotTaken> taken(List<LotUse> uses) {
        Map<UUID, StockLot> lots = new LinkedHashMap<>();
        stock.lots(uses.stream().map(LotUse::lotId).distinct().toList()).forEach(lot -> lots.put(lot.id(), lot));
        return uses.stream().map(use -> {
            StockLot lot = lots.get(use.lotId());
            return new LotTaken(use.itemId(), use.lotId(), lot.lotNumber(), lot.expiresOn(),
                    CompoundingRecords.plain(use.quantity()));
        }).toList();
    }

    /** A refused lot, with the index of the use it was in the request. */
    static final class IndexedRefusal extends RuntimeException {

        private final int index;
        private final StockRefused refusal;

        IndexedRefusal(int index, StockRefused refusal) {
            super(refusal.getMessage());
            this.index = index;
            this.refusal = refusal;
        }

        int index() {
            return index;
        }

        StockRefused refusal() {
            return refusal;
        }
    }
}
