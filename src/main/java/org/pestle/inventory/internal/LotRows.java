package org.pestle.inventory.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.pestle.inventory.StockLot;
import org.pestle.inventory.StockLot.LotStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads lots with their quantity on hand, which is always the sum of the lot's ledger movements. */
@Component
class LotRows {

    static final String LOT = """
            select l.id, l.item_id, l.lot_number, l.expires_on, l.supplier, l.received_on, l.status,
                   l.dea_order_number,
                   coalesce((select sum(m.quantity) from stock_movement m where m.lot_id = l.id), 0) as on_hand
            from inventory_lot l""";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;

    LotRows(JdbcClient jdbc, Clock clock, @Value("${pestle.time-zone:America/New_York}") ZoneId zone) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = zone;
    }

    /** The pharmacy's date today. */
    LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }

    List<StockLot> byIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(LOT + " where l.id in (:ids) order by l.expires_on, l.id").param("ids", ids)
                .query(LotRows::lot).list();
    }

    List<StockLot> ofItem(UUID itemId) {
        return jdbc.sql(LOT + " where l.item_id = ? order by l.expires_on, l.received_on, l.lot_number")
                .param(itemId).query(LotRows::lot).list();
    }

    List<StockLot> all() {
        return jdbc.sql(LOT + " order by l.item_id, l.expires_on, l.received_on, l.lot_number")
                .query(LotRows::lot).list();
    }

    /**
     * Locks the lots for the rest of the transaction, in id order (two transactions locking the same
     * lots never wait for each other in a circle), and reads them under the lock.
     */
    List<StockLot> lock(Collection<UUID> ids) {
        jdbc.sql("select id from inventory_lot where id in (:ids) order by id for update").param("ids", ids)
                .query(UUID.class).list();
        // a new statement, so under read committed it sees every movement committed before the lock was ours
        return byIds(ids);
    }

    void insertMovement(UUID lotId, String kind, BigDecimal quantity, String reason, String reference, String actor) {
        insertMovement(lotId, kind, quantity, reason, null, reference, actor);
    }

    void insertMovement(UUID lotId, String kind, BigDecimal quantity, String reason, String note, String reference,
            String actor) {
        jdbc.sql("""
                insert into stock_movement (lot_id, kind, quantity, reason, note, reference, actor)
                values (?, ?, ?, ?, ?, ?, ?)""").params(lotId, kind, quantity, reason, note, reference, actor)
                .update();
    }

    /** Without trailing zeros and never in exponent form (JSON shows 100, not 1E+2). */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static StockLot lot(ResultSet rs, int row) throws SQLException {
        return new StockLot(rs.getObject("id", UUID.class), rs.getObject("item_id", UUID.class),
                rs.getString("lot_number"), rs.getObject("expires_on", LocalDate.class), rs.getString("supplier"),
                rs.getObject("received_on", LocalDate.class), LotStatus.valueOf(rs.getString("status")),
                plain(rs.getBigDecimal("on_hand")));
    }
}
