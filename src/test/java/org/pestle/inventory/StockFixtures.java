package org.pestle.inventory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.pestle.support.Transactions;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Items and lots written straight into the database as the system, for tests that need stock the
 * receiving API would refuse (a lot that has already expired) or many lots at once.
 */
final class StockFixtures {

    private final Transactions transactions;
    private final JdbcClient jdbc;

    StockFixtures(Transactions transactions, JdbcClient jdbc) {
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    /** A fresh 11-digit NDC no other test uses. */
    static String freshNdc() {
        return "98" + String.format("%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }

    UUID item(String description, int deaSchedule, String unit) {
        UUID id = UUID.randomUUID();
        transactions.asSystem(() -> jdbc.sql("""
                insert into inventory_item (id, ndc, description, dea_schedule, unit, created_by)
                values (?, ?, ?, ?, ?, 'system:test')""").params(id, freshNdc(), description, deaSchedule, unit)
                .update());
        return id;
    }

    UUID lot(UUID itemId, String lotNumber, LocalDate expiresOn, BigDecimal quantity) {
        UUID id = UUID.randomUUID();
        transactions.asSystem(() -> {
            jdbc.sql("""
                    insert into inventory_lot (id, item_id, lot_number, expires_on, supplier, received_on)
                    values (?, ?, ?, ?, 'Test Supplier', current_date - 30)""")
                    .params(id, itemId, lotNumber, expiresOn).update();
            return jdbc.sql("""
                    insert into stock_movement (lot_id, kind, quantity, actor)
                    values (?, 'RECEIVED', ?, 'system:test')""").params(id, quantity).update();
        });
        return id;
    }

    void quarantine(UUID lotId) {
        transactions.asSystem(() -> {
            jdbc.sql("update inventory_lot set status = 'QUARANTINED' where id = ?").param(lotId).update();
            return jdbc.sql("""
                    insert into stock_movement (lot_id, kind, quantity, reason, actor)
                    values (?, 'QUARANTINED', 0, 'RECALL', 'system:test')""").param(lotId).update();
        });
    }

    BigDecimal ledgerSum(UUID lotId) {
        return transactions.asSystem(() -> jdbc.sql(
                "select coalesce(sum(quantity), 0) from stock_movement where lot_id = ?").param(lotId)
                .query(BigDecimal.class).single());
    }

    long movements(UUID lotId, String kind) {
        return transactions.asSystem(() -> jdbc.sql(
                "select count(*) from stock_movement where lot_id = ? and kind = ?").params(lotId, kind)
                .query(Long.class).single());
    }
}
