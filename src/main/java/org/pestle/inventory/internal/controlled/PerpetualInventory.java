package org.pestle.inventory.internal.controlled;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.Permissions;
import org.pestle.inventory.internal.StockRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The perpetual inventory of a controlled item, straight from the ledger: every receipt (with its DEA 222 or
 * CSOS number), compounding use and return, adjustment, return to the wholesaler and destruction, in ledger
 * order, with the running balance of the item and of the lot.
 */
@Service
class PerpetualInventory {

    private final JdbcClient jdbc;
    private final Permissions permissions;

    PerpetualInventory(JdbcClient jdbc, Permissions permissions) {
        this.jdbc = jdbc;
        this.permissions = permissions;
    }

    @Transactional(readOnly = true)
    Optional<Record> record(Actor actor, UUID itemId) {
        permissions.require(actor, Action.VIEW_STOCK);
        Optional<ControlledItem> item = item(jdbc, itemId);
        if (item.isEmpty()) {
            return Optional.empty();
        }
        if (item.get().deaSchedule() == 0) {
            throw StockRecords.invalid("itemId", "is not a controlled substance");
        }
        List<Entry> entries = jdbc.sql("""
                select m.id, m.occurred_at, m.lot_id, l.lot_number, m.kind, m.quantity, m.reason, m.reference, m.actor,
                       sum(m.quantity) over (order by m.id) as balance,
                       sum(m.quantity) over (partition by m.lot_id order by m.id) as lot_balance
                from stock_movement m join inventory_lot l on l.id = m.lot_id
                where l.item_id = ? and m.kind <> 'QUARANTINED'
                order by m.id""").param(itemId)
                .query((rs, row) -> new Entry(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class),
                        rs.getObject("lot_id", UUID.class), rs.getString("lot_number"), rs.getString("kind"),
                        StockRecords.plain(rs.getBigDecimal("quantity")), rs.getString("reason"),
                        rs.getString("reference"), rs.getString("actor"),
                        StockRecords.plain(rs.getBigDecimal("balance")),
                        StockRecords.plain(rs.getBigDecimal("lot_balance"))))
                .list();
        BigDecimal balance = entries.isEmpty() ? BigDecimal.ZERO : entries.get(entries.size() - 1).balance();
        return Optional.of(new Record(item.get(), balance, entries));
    }

    /** The controlled items, Schedule II first. */
    @Transactional(readOnly = true)
    List<ControlledItem> items(Actor actor) {
        permissions.require(actor, Action.VIEW_STOCK);
        return jdbc.sql("""
                select id, ndc, description, dea_schedule, unit from inventory_item where dea_schedule <> 0
                order by dea_schedule, description""").query((rs, row) -> new ControlledItem(
                        rs.getObject("id", UUID.class), rs.getString("ndc"), rs.getString("description"),
                        rs.getInt("dea_schedule"), rs.getString("unit"))).list();
    }

    static Optional<ControlledItem> item(JdbcClient jdbc, UUID itemId) {
        return jdbc.sql("select id, ndc, description, dea_schedule, unit from inventory_item where id = ?")
                .param(itemId).query((rs, row) -> new ControlledItem(rs.getObject("id", UUID.class),
                        rs.getString("ndc"), rs.getString("description"), rs.getInt("dea_schedule"),
                        rs.getString("unit")))
                .optional();
    }

    record ControlledItem(UUID id, String ndc, String description, int deaSchedule, String unit) {
    }

    /** The item's record: its balance now (the sum of its ledger) and every movement with the running balances. */
    record Record(ControlledItem item, BigDecimal balance, List<Entry> entries) {
    }

    /**
     * One ledger movement of the item.
     *
     * @param reference for a receipt {@code dea-order:<222 or CSOS number>}; for a compounding use the
     *        compounding record; for a return to the wholesaler the return
     * @param balance the item's balance after this movement
     * @param lotBalance the lot's balance after this movement
     */
    record Entry(long movementId, OffsetDateTime occurredAt, UUID lotId, String lotNumber, String kind,
            BigDecimal quantity, String reason, String reference, String actor, BigDecimal balance,
            BigDecimal lotBalance) {
    }
}
