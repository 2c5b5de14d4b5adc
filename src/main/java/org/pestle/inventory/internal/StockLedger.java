package org.pestle.inventory.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.Permissions;
import org.pestle.inventory.LotQuarantined;
import org.pestle.inventory.Ndc;
import org.pestle.inventory.StockAdjusted;
import org.pestle.inventory.StockLot;
import org.pestle.inventory.StockLot.LotStatus;
import org.pestle.inventory.StockReceived;
import org.pestle.inventory.internal.InventoryRequests.Adjustment;
import org.pestle.inventory.internal.InventoryRequests.Destruction;
import org.pestle.inventory.internal.InventoryRequests.NewItem;
import org.pestle.inventory.internal.InventoryRequests.Quarantine;
import org.pestle.inventory.internal.InventoryRequests.Receipt;
import org.pestle.platform.ApiProblem;
import org.pestle.platform.Digests;
import org.pestle.tenancy.ProviderIdentifiers;
import org.pestle.platform.ApiProblem.FieldError;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What pharmacy staff do with stock: add items, receive deliveries, correct counts, quarantine and
 * destroy, each as the permission matrix allows (receiving: {@link Action#RECEIVE_STOCK}; corrections,
 * quarantine, destruction: {@link Action#ADJUST_STOCK}), each a ledger movement published for the audit
 * trail.
 */
@Service
class StockLedger {

    private final JdbcClient jdbc;
    private final LotRows lots;
    private final Permissions permissions;
    private final ApplicationEventPublisher events;

    StockLedger(JdbcClient jdbc, LotRows lots, Permissions permissions, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.lots = lots;
        this.permissions = permissions;
        this.events = events;
    }

    @Transactional(readOnly = true)
    List<ItemView> items(Actor actor) {
        permissions.require(actor, Action.VIEW_STOCK);
        Map<UUID, List<StockLot>> lotsByItem = lots.all().stream()
                .collect(Collectors.groupingBy(StockLot::itemId));
        LocalDate today = lots.today();
        return jdbc.sql(ITEM + " order by description, ndc").query(ItemRow::of).list().stream()
                .map(item -> item.view(lotsByItem.getOrDefault(item.id(), List.of()), today)).toList();
    }

    @Transactional(readOnly = true)
    Optional<ItemView> item(Actor actor, UUID itemId) {
        permissions.require(actor, Action.VIEW_STOCK);
        return itemRow(itemId).map(item -> item.view(lots.ofItem(itemId), lots.today()));
    }

    @Transactional(readOnly = true)
    Optional<List<MovementView>> movements(Actor actor, UUID lotId) {
        permissions.require(actor, Action.VIEW_STOCK);
        if (lots.byIds(List.of(lotId)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("""
                select id, kind, quantity, reason, note, reference, actor, occurred_at
                from stock_movement where lot_id = ? order by id""").param(lotId)
                .query((rs, row) -> new MovementView(rs.getLong("id"), rs.getString("kind"),
                        LotRows.plain(rs.getBigDecimal("quantity")), rs.getString("reason"), rs.getString("note"),
                        rs.getString("reference"), rs.getString("actor"),
                        rs.getObject("occurred_at", OffsetDateTime.class)))
                .list());
    }

    @Transactional
    ItemView createItem(Actor actor, NewItem request) {
        permissions.require(actor, Action.RECEIVE_STOCK);
        Ndc ndc;
        try {
            ndc = Ndc.parse(request.ndc());
        } catch (Ndc.InvalidNdc e) {
            throw invalid("ndc", e.getMessage());
        }
        int schedule = request.schedule();
        if (schedule != 0 && (schedule < 2 || schedule > 5)) {
            throw invalid("deaSchedule", "must be 0 (not controlled) or a DEA schedule from 2 to 5");
        }
        Optional<UUID> existing = jdbc.sql("select id from inventory_item where ndc = ?").param(ndc.digits())
                .query(UUID.class).optional();
        if (existing.isPresent()) {
            throw duplicateItem(existing.get());
        }
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                    insert into inventory_item (id, ndc, description, dea_schedule, unit, created_by)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(id, ndc.digits(), request.description().strip(), schedule, request.unit(),
                            actor.username())
                    .update();
        } catch (DuplicateKeyException e) {
            throw duplicateItem(jdbc.sql("select id from inventory_item where ndc = ?").param(ndc.digits())
                    .query(UUID.class).single());
        }
        return itemRow(id).orElseThrow().view(List.of(), lots.today());
    }

    /**
     * Receives stock into a lot. With an Idempotency-Key already used by this user for the same receipt,
     * nothing is received again and the first receipt's lot is answered.
     */
    @Transactional
    Received receive(Actor actor, Receipt receipt, Optional<String> idempotencyKey) {
        permissions.require(actor, Action.RECEIVE_STOCK);
        String requestHash = Digests.sha256Hex(String.join("\n", String.valueOf(receipt.itemId()),
                receipt.lotNumber().strip(), String.valueOf(receipt.expiresOn()), receipt.supplier().strip(),
                String.valueOf(receipt.receivedOn()), receipt.quantity().stripTrailingZeros().toPlainString(),
                String.valueOf(blankToNull(receipt.deaOrderNumber())),
                String.valueOf(blankToNull(receipt.supplierDeaNumber()))));
        if (idempotencyKey.isPresent()) {
            Optional<UUID> earlier = jdbc.sql("""
                    select lot_id, request_hash from stock_receipt_submission
                    where received_by = ? and idempotency_key = ?""").params(actor.username(), idempotencyKey.get())
                    .query((rs, row) -> {
                        if (!rs.getString("request_hash").equals(requestHash)) {
                            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                                    "Idempotency-Key reused", "This Idempotency-Key was used for a different receipt; "
                                    + "use a new key for a new receipt", List.of(new FieldError("Idempotency-Key",
                                            "was used for a different receipt")));
                        }
                        return rs.getObject("lot_id", UUID.class);
                    }).optional();
            if (earlier.isPresent()) {
                return new Received(LotView.of(lots.byIds(List.of(earlier.get())).get(0), lots.today()), true);
            }
        }
        LotView lot = receiveOnce(actor, receipt);
        idempotencyKey.ifPresent(key -> jdbc.sql("""
                insert into stock_receipt_submission (received_by, idempotency_key, request_hash, lot_id)
                values (?, ?, ?, ?)""").params(actor.username(), key, requestHash, lot.id()).update());
        return new Received(lot, false);
    }

    private LotView receiveOnce(Actor actor, Receipt receipt) {
        ItemRow item = itemRow(receipt.itemId())
                .orElseThrow(() -> ApiProblem.invalidField("itemId", "no such inventory item"));
        LocalDate today = lots.today();
        LocalDate receivedOn = receipt.receivedOn() == null ? today : receipt.receivedOn();
        if (receivedOn.isAfter(today)) {
            throw invalid("receivedOn", "must not be in the future");
        }
        if (receipt.expiresOn().isBefore(receivedOn)) {
            throw invalid("expiresOn", "the lot had expired when it was received; expired stock is not received");
        }
        String deaOrderNumber = receipt.deaOrderNumber();
        if (item.deaSchedule() == 2 && (deaOrderNumber == null || deaOrderNumber.isBlank())) {
            throw invalid("deaOrderNumber",
                    "is required for a Schedule II item: the DEA Form 222 serial number or the CSOS order number");
        }
        String supplierDea = blankToNull(receipt.supplierDeaNumber());
        if (item.deaSchedule() != 0) {
            if (supplierDea == null) {
                throw invalid("supplierDeaNumber",
                        "is required for a controlled substance: the supplier's DEA registration number");
            }
            // a supplier's second letter is its business name's initial, which its trade name need not
            // show: only the form and the check digit are checked
            Optional<String> problem = ProviderIdentifiers.deaProblem(supplierDea, supplierDea.substring(1, 2));
            if (problem.isPresent()) {
                throw invalid("supplierDeaNumber", problem.get());
            }
        }
        String lotNumber = receipt.lotNumber().strip();
        // one receipt of a lot at a time, so two deliveries of a new lot make one lot
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("inventory-lot:" + item.id() + ":" + lotNumber)
                .query().singleRow();
        Optional<StockLot> known = jdbc.sql(LotRows.LOT + " where l.item_id = ? and l.lot_number = ?")
                .params(item.id(), lotNumber).query(LotRows::lot).optional();
        UUID lotId;
        if (known.isPresent()) {
            StockLot lot = known.get();
            if (!lot.expiresOn().equals(receipt.expiresOn())) {
                throw ApiProblem.conflict("lot-conflict", "Lot " + lot.id()
                        + " of this item has this lot number with another expiry date");
            }
            if (lot.status() == LotStatus.QUARANTINED) {
                throw ApiProblem.conflict("lot-quarantined", "Lot " + lot.id() + " is quarantined");
            }
            lotId = lot.id();
        } else {
            lotId = UUID.randomUUID();
            jdbc.sql("""
                    insert into inventory_lot (id, item_id, lot_number, expires_on, supplier, received_on,
                                               dea_order_number, supplier_dea_number)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(lotId, item.id(), lotNumber, receipt.expiresOn(), receipt.supplier().strip(), receivedOn,
                            blankToNull(deaOrderNumber), item.deaSchedule() == 0 ? null : supplierDea)
                    .update();
        }
        lots.insertMovement(lotId, "RECEIVED", receipt.quantity(), null,
                deaOrderNumber == null || deaOrderNumber.isBlank() ? null : "dea-order:" + deaOrderNumber.strip(),
                actor.username());
        events.publishEvent(new StockReceived(lotId, item.id(), item.ndc(), lotNumber,
                LotRows.plain(receipt.quantity()), item.deaSchedule(), blankToNull(deaOrderNumber),
                item.deaSchedule() == 0 ? null : supplierDea, actor.username()));
        return LotView.of(lots.byIds(List.of(lotId)).get(0), today);
    }

    @Transactional
    Optional<LotView> adjust(Actor actor, UUID lotId, Adjustment adjustment) {
        permissions.require(actor, Action.ADJUST_STOCK);
        if (adjustment.quantity().signum() == 0) {
            throw invalid("quantity", "must not be zero");
        }
        return change(lotId, "ADJUSTED", adjustment.quantity(), adjustment.reason().name(), adjustment.note(),
                actor);
    }

    @Transactional
    Optional<LotView> destroy(Actor actor, UUID lotId, Destruction destruction) {
        permissions.require(actor, Action.ADJUST_STOCK);
        return change(lotId, "DESTROYED", destruction.quantity().negate(), destruction.reason().name(),
                destruction.note(), actor);
    }

    @Transactional
    Optional<LotView> quarantine(Actor actor, UUID lotId, Quarantine quarantine) {
        permissions.require(actor, Action.ADJUST_STOCK);
        List<StockLot> locked = lots.lock(List.of(lotId));
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        StockLot lot = locked.get(0);
        if (lot.status() == LotStatus.QUARANTINED) {
            throw ApiProblem.conflict("lot-quarantined", "Lot " + lotId + " is already quarantined");
        }
        jdbc.sql("update inventory_lot set status = 'QUARANTINED' where id = ?").param(lotId).update();
        lots.insertMovement(lotId, "QUARANTINED", BigDecimal.ZERO, quarantine.reason().name(), quarantine.note(),
                null, actor.username());
        events.publishEvent(new LotQuarantined(lotId, lot.itemId(), quarantine.reason().name(), actor.username()));
        return Optional.of(LotView.of(lots.byIds(List.of(lotId)).get(0), lots.today()));
    }

    private Optional<LotView> change(UUID lotId, String kind, BigDecimal quantity, String reason, String note,
            Actor actor) {
        List<StockLot> locked = lots.lock(List.of(lotId));
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        StockLot lot = locked.get(0);
        if (lot.onHand().add(quantity).signum() < 0) {
            throw invalid("quantity", "would take the lot below zero: it holds " + lot.onHand());
        }
        lots.insertMovement(lotId, kind, quantity, reason, blankToNull(note), null, actor.username());
        events.publishEvent(new StockAdjusted(lotId, lot.itemId(), kind, LotRows.plain(quantity), reason,
                actor.username()));
        return Optional.of(LotView.of(lots.byIds(List.of(lotId)).get(0), lots.today()));
    }

    private Optional<ItemRow> itemRow(UUID itemId) {
        return jdbc.sql(ITEM + " where id = ?").param(itemId).query(ItemRow::of).optional();
    }

    private static ApiProblem invalid(String field, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "The request is not valid",
                "Invalid fields: " + field, List.of(new FieldError(field, message)));
    }

    private static ApiProblem duplicateItem(UUID existing) {
        return new ApiProblem(HttpStatus.CONFLICT, "duplicate-item", "Conflict",
                "An item with this NDC exists: " + existing, List.of());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static final String ITEM = "select id, ndc, description, dea_schedule, unit from inventory_item";

    private record ItemRow(UUID id, String ndc, String description, int deaSchedule, String unit) {

        static ItemRow of(ResultSet rs, int row) throws SQLException {
            return new ItemRow(rs.getObject("id", UUID.class), rs.getString("ndc"), rs.getString("description"),
                    rs.getInt("dea_schedule"), rs.getString("unit"));
        }

        ItemView view(List<StockLot> lotsOfItem, LocalDate today) {
            BigDecimal onHand = lotsOfItem.stream().map(StockLot::onHand).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal usable = lotsOfItem.stream()
                    .filter(l -> l.status() == LotStatus.AVAILABLE && !l.expiredOn(today))
                    .map(StockLot::onHand).reduce(BigDecimal.ZERO, BigDecimal::add);
            return new ItemView(id, ndc, new Ndc(ndc).formatted(), description, deaSchedule, unit,
                    LotRows.plain(onHand), LotRows.plain(usable),
                    lotsOfItem.stream().map(l -> LotView.of(l, today)).toList());
        }
    }

    /**
     * An item with its stock: everything on hand, what of it may be used today (available and not
     * expired), and its lots, earliest expiry first.
     */
    record ItemView(UUID id, String ndc, String ndcFormatted, String description, int deaSchedule, String unit,
            BigDecimal onHand, BigDecimal usableOnHand, List<LotView> lots) {
    }

    record LotView(UUID id, UUID itemId, String lotNumber, LocalDate expiresOn, boolean expired, String supplier,
            LocalDate receivedOn, LotStatus status, BigDecimal onHand) {

        static LotView of(StockLot lot, LocalDate today) {
            return new LotView(lot.id(), lot.itemId(), lot.lotNumber(), lot.expiresOn(), lot.expiredOn(today),
                    lot.supplier(), lot.receivedOn(), lot.status(), lot.onHand());
        }
    }

    /** A receipt's lot, and whether an earlier request with the same Idempotency-Key received it. */
    record Received(LotView lot, boolean replayed) {
    }

    record MovementView(long id, String kind, BigDecimal quantity, String reason, String note, String reference,
            String actor, OffsetDateTime occurredAt) {
    }
}
