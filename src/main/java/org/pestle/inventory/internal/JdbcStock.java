package org.pestle.inventory.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.pestle.inventory.LotQuarantined;
import org.pestle.inventory.LotUse;
import org.pestle.inventory.Ndc;
import org.pestle.inventory.StockAdjusted;
import org.pestle.inventory.Stock;
import org.pestle.inventory.StockLot;
import org.pestle.inventory.StockLot.LotStatus;
import org.pestle.inventory.StockRefused;
import org.pestle.inventory.StockRefused.Reason;
import org.pestle.inventory.StockUsedInCompounding;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@Service
class JdbcStock implements Stock {

    static final String USED = "USED_IN_COMPOUNDING";
    static final String RETURNED = "RETURNED";
    static final String DESTROYED = "DESTROYED";

    private final LotRows lots;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    JdbcStock(LotRows lots, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.lots = lots;
        this.jdbc = jdbc;
        this.events = events;
    }

    @Override
    public List<LotUse> propose(UUID itemId, BigDecimal quantity) {
        if (quantity == null || quantity.signum() <= 0) {
            throw new IllegalArgumentException("A proposal is for a positive quantity");
        }
        if (jdbc.sql("select count(*) from inventory_item where id = ?").param(itemId).query(Long.class).single() == 0) {
            throw new StockRefused(Reason.UNKNOWN_ITEM, itemId, null, "Item " + itemId + " is not in stock records");
        }
        var today = lots.today();
        List<LotUse> picks = new ArrayList<>();
        BigDecimal missing = quantity;
        for (StockLot lot : lots.ofItem(itemId)) {
            if (missing.signum() <= 0) {
                break;
            }
            if (lot.status() != LotStatus.AVAILABLE || lot.expiredOn(today) || lot.onHand().signum() <= 0) {
                continue;
            }
            BigDecimal take = lot.onHand().min(missing);
            picks.add(new LotUse(itemId, lot.id(), take));
            missing = missing.subtract(take);
        }
        if (missing.signum() > 0) {
            throw new StockRefused(Reason.NOT_ENOUGH_STOCK, itemId, null, "The usable lots of item " + itemId
                    + " hold " + LotRows.plain(quantity.subtract(missing)) + " of the " + LotRows.plain(quantity)
                    + " needed");
        }
        return List.copyOf(picks);
    }

    @Override
    public List<StockLot> debitForCompounding(String reference, String compoundedBy, List<LotUse> uses) {
        requireTransaction();
        Map<UUID, LotUse> byLot = merged(uses);
        Map<UUID, StockLot> locked = lockAll(byLot.keySet());
        var today = lots.today();
        for (LotUse use : byLot.values()) {
            StockLot lot = checkedLot(locked, use);
            // expired first: the daily expiry check quarantines expired lots, and "expired" says why
            if (lot.expiredOn(today)) {
                throw refused(Reason.EXPIRED, use, "expired on " + lot.expiresOn());
            }
            if (lot.status() == LotStatus.QUARANTINED) {
                throw refused(Reason.QUARANTINED, use, "is quarantined");
            }
            if (lot.onHand().compareTo(use.quantity()) < 0) {
                throw refused(Reason.SHORT, use, "holds " + lot.onHand() + ", less than the "
                        + LotRows.plain(use.quantity()) + " asked");
            }
        }
        byLot.values().forEach(use -> lots.insertMovement(use.lotId(), USED, use.quantity().negate(), null,
                reference, compoundedBy));
        events.publishEvent(new StockUsedInCompounding(reference, USED, List.copyOf(byLot.values()), compoundedBy));
        return lots.byIds(byLot.keySet());
    }

    @Override
    public List<StockLot> returnFromCompounding(String reference, String returnedBy, List<LotUse> uses) {
        requireTransaction();
        Map<UUID, LotUse> byLot = merged(uses);
        Map<UUID, StockLot> locked = lockAll(byLot.keySet());
        for (LotUse use : byLot.values()) {
            checkedLot(locked, use);
            BigDecimal taken = jdbc.sql("""
                    select coalesce(-sum(quantity), 0) from stock_movement
                    where lot_id = ? and reference = ? and kind in ('USED_IN_COMPOUNDING', 'RETURNED')""")
                    .params(use.lotId(), reference).query(BigDecimal.class).single();
            if (taken.compareTo(use.quantity()) < 0) {
                throw refused(Reason.MORE_THAN_USED, use, "gave " + LotRows.plain(taken)
                        + " to this compounding, less than the " + LotRows.plain(use.quantity()) + " returned");
            }
        }
        byLot.values().forEach(use -> lots.insertMovement(use.lotId(), RETURNED, use.quantity(), null, reference,
                returnedBy));
        events.publishEvent(new StockUsedInCompounding(reference, RETURNED, List.copyOf(byLot.values()), returnedBy));
        return lots.byIds(byLot.keySet());
    }

    @Override
    public List<StockLot> destroyedWithPreparation(String reference, String destroyedBy, String reason) {
        requireTransaction();
        if (reason == null || !reason.matches("[A-Z_]{1,40}")) {
            throw new IllegalArgumentException("A destruction has a coded reason");
        }
        List<LotUse> held = jdbc.sql("""
                select l.item_id, m.lot_id, -sum(m.quantity) as taken from stock_movement m
                join inventory_lot l on l.id = m.lot_id
                where m.reference = ? and m.kind in ('USED_IN_COMPOUNDING', 'RETURNED')
                group by l.item_id, m.lot_id having -sum(m.quantity) > 0
                  and not exists (select 1 from stock_movement d where d.lot_id = m.lot_id and d.reference = ?
                                  and d.kind = 'DESTROYED')
                order by m.lot_id""").params(reference, reference)
                .query((rs, row) -> new LotUse(rs.getObject("item_id", UUID.class), rs.getObject("lot_id", UUID.class),
                        LotRows.plain(rs.getBigDecimal("taken")))).list();
        if (held.isEmpty()) {
            return List.of();
        }
        lockAll(held.stream().map(LotUse::lotId).toList());
        held.forEach(use -> lots.insertMovement(use.lotId(), DESTROYED, BigDecimal.ZERO, reason,
                "Destroyed in the preparation: " + use.quantity().toPlainString() + " taken by its compounding",
                reference, destroyedBy));
        events.publishEvent(new StockUsedInCompounding(reference, DESTROYED, held, destroyedBy));
        return lots.byIds(held.stream().map(LotUse::lotId).toList());
    }

    @Override
    public java.util.Map<UUID, org.pestle.inventory.ItemCode> itemCodes(Collection<UUID> itemIds) {
        if (itemIds.isEmpty()) {
            return java.util.Map.of();
        }
        return jdbc.sql("select id, ndc, unit, dea_schedule from inventory_item where id = any (?)")
                .param(itemIds.toArray(UUID[]::new))
                .query((rs, n) -> new org.pestle.inventory.ItemCode(rs.getObject("id", UUID.class), rs.getString("ndc"),
                        rs.getString("unit"), rs.getInt("dea_schedule")))
                .list().stream().collect(Collectors.toMap(org.pestle.inventory.ItemCode::itemId, Function.identity()));
    }

    @Override
    public List<StockLot> lots(Collection<UUID> lotIds) {
        return lots.byIds(List.copyOf(lotIds));
    }

    private Map<UUID, StockLot> lockAll(Collection<UUID> ids) {
        return lots.lock(ids).stream().collect(Collectors.toMap(StockLot::id, Function.identity()));
    }

    private static StockLot checkedLot(Map<UUID, StockLot> locked, LotUse use) {
        StockLot lot = locked.get(use.lotId());
        if (lot == null) {
            throw refused(Reason.UNKNOWN_LOT, use, "is not in stock records");
        }
        if (!lot.itemId().equals(use.itemId())) {
            throw refused(Reason.WRONG_ITEM, use, "belongs to another item");
        }
        return lot;
    }

    /** The uses by lot, quantities of the same lot added up; the lot and item of each must agree. */
    private static Map<UUID, LotUse> merged(List<LotUse> uses) {
        if (uses == null || uses.isEmpty()) {
            throw new IllegalArgumentException("Name at least one lot");
        }
        Map<UUID, LotUse> byLot = new LinkedHashMap<>();
        for (LotUse use : uses) {
            byLot.merge(use.lotId(), use, (a, b) -> {
                if (!a.itemId().equals(b.itemId())) {
                    throw refused(Reason.WRONG_ITEM, b, "is named for two items");
                }
                return new LotUse(a.itemId(), a.lotId(), a.quantity().add(b.quantity()));
            });
        }
        return byLot;
    }

    @Override
    public Map<Ndc, List<StockLot>> lotsByNdc(Collection<Ndc> ndcs) {
        if (ndcs.isEmpty()) {
            return Map.of();
        }
        Map<Ndc, List<StockLot>> found = new LinkedHashMap<>();
        jdbc.sql("select q.*, i.ndc from (" + LotRows.LOT + ") q join inventory_item i on i.id = q.item_id"
                + " where i.ndc in (:ndcs) order by i.ndc, q.expires_on, q.lot_number")
                .param("ndcs", ndcs.stream().map(Ndc::digits).distinct().toList())
                .query((rs, row) -> Map.entry(new Ndc(rs.getString("ndc")), LotRows.lot(rs, row))).list()
                .forEach(e -> found.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return found;
    }

    @Override
    public Optional<StockLot> quarantineForRecall(UUID lotId, String reference, String quarantinedBy) {
        requireTransaction();
        List<StockLot> locked = lots.lock(List.of(lotId));
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        StockLot lot = locked.get(0);
        if (lot.status() == LotStatus.QUARANTINED) {
            return Optional.of(lot);
        }
        jdbc.sql("update inventory_lot set status = 'QUARANTINED' where id = ?").param(lotId).update();
        lots.insertMovement(lotId, "QUARANTINED", BigDecimal.ZERO, "RECALL", reference, quarantinedBy);
        events.publishEvent(new LotQuarantined(lotId, lot.itemId(), "RECALL", quarantinedBy));
        return Optional.of(lots.byIds(List.of(lotId)).get(0));
    }

    @Override
    public Optional<StockLot> removeRecalled(UUID lotId, Removal removal, String reference, String removedBy) {
        requireTransaction();
        List<StockLot> locked = lots.lock(List.of(lotId));
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        StockLot lot = locked.get(0);
        if (lot.onHand().signum() <= 0) {
            return Optional.of(lot);
        }
        String kind = removal == Removal.DESTROY ? "DESTROYED" : "ADJUSTED";
        String reason = removal == Removal.DESTROY ? "RECALLED" : "RETURNED_TO_SUPPLIER";
        BigDecimal quantity = lot.onHand().negate();
        lots.insertMovement(lotId, kind, quantity, reason, reference, removedBy);
        events.publishEvent(new StockAdjusted(lotId, lot.itemId(), kind, LotRows.plain(quantity), reason, removedBy));
        return Optional.of(lots.byIds(List.of(lotId)).get(0));
    }

    private static StockRefused refused(Reason reason, LotUse use, String what) {
        return new StockRefused(reason, use.itemId(), use.lotId(), "Lot " + use.lotId() + " " + what);
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Stock is debited and returned in the caller's transaction");
        }
    }
}
