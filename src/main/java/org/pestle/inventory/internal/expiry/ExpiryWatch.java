package org.pestle.inventory.internal.expiry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.Permissions;
import org.pestle.inventory.InventoryControlRecorded;
import org.pestle.inventory.LotQuarantined;
import org.pestle.inventory.StockLot;
import org.pestle.inventory.StockLot.LotStatus;
import org.pestle.inventory.internal.InventoryControlSettings;
import org.pestle.inventory.internal.StockRecords;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The expiry list (lots with stock on hand that expire within the lead time, and expired lots still on
 * hand) and the daily sweep that quarantines every expired lot, so it can never be picked.
 */
@Service
class ExpiryWatch {

    static final String SWEEPER = "system:expiry-watch";

    private final JdbcClient jdbc;
    private final StockRecords records;
    private final InventoryControlSettings settings;
    private final Permissions permissions;
    private final ApplicationEventPublisher events;

    ExpiryWatch(JdbcClient jdbc, StockRecords records, InventoryControlSettings settings, Permissions permissions,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.records = records;
        this.settings = settings;
        this.permissions = permissions;
        this.events = events;
    }

    @Transactional(readOnly = true)
    ExpiryList list(Actor actor) {
        permissions.require(actor, Action.VIEW_STOCK);
        return list();
    }

    ExpiryList list() {
        LocalDate today = records.today();
        List<ExpiringLot> lots = jdbc.sql("""
                select l.id, l.item_id, i.ndc, i.description, i.dea_schedule, l.lot_number, l.expires_on, l.status,
                       l.supplier,
                       coalesce((select sum(m.quantity) from stock_movement m where m.lot_id = l.id), 0) as on_hand
                from inventory_lot l join inventory_item i on i.id = l.item_id
                where l.expires_on <= ?
                order by l.expires_on, i.description, l.lot_number""").param(today.plusDays(settings.expiryWarnDays()))
                .query((rs, row) -> {
                    LocalDate expiresOn = rs.getObject("expires_on", LocalDate.class);
                    long days = ChronoUnit.DAYS.between(today, expiresOn);
                    String band = days < 0 ? "EXPIRED" : days <= settings.expiryUrgentDays() ? "URGENT" : "SOON";
                    return new ExpiringLot(rs.getObject("id", UUID.class), rs.getObject("item_id", UUID.class),
                            rs.getString("ndc"), rs.getString("description"), rs.getInt("dea_schedule"),
                            rs.getString("lot_number"), expiresOn, days, band, rs.getString("status"),
                            rs.getString("supplier"), StockRecords.plain(rs.getBigDecimal("on_hand")));
                }).list().stream().filter(l -> l.onHand().signum() > 0).toList();
        return new ExpiryList(today, settings.expiryWarnDays(), settings.expiryUrgentDays(), lots);
    }

    /**
     * Quarantines every available lot that has expired (the pharmacy's date), each a ledger movement
     * (reason {@code EXPIRED}) and an audit record, in the caller's transaction.
     */
    @Transactional
    Sweep sweep() {
        LocalDate today = records.today();
        List<UUID> expired = jdbc.sql("""
                select id from inventory_lot where status = 'AVAILABLE' and expires_on < ? order by id""")
                .param(today).query(UUID.class).list();
        int quarantined = 0;
        for (StockLot lot : records.lock(expired)) {
            if (lot.status() != LotStatus.AVAILABLE || !lot.expiredOn(today)) {
                continue;
            }
            jdbc.sql("update inventory_lot set status = 'QUARANTINED' where id = ?").param(lot.id()).update();
            records.insertMovement(lot.id(), "QUARANTINED", BigDecimal.ZERO, "EXPIRED", null, null, SWEEPER);
            events.publishEvent(new LotQuarantined(lot.id(), lot.itemId(), "EXPIRED", SWEEPER));
            quarantined++;
        }
        ExpiryList list = list();
        long expiring = list.lots().stream().filter(l -> !"EXPIRED".equals(l.band())).count();
        long expiredOnHand = list.lots().size() - expiring;
        return new Sweep(quarantined, expiring, expiredOnHand);
    }

    /** A pharmacist reviewed the expiry list (the alert task), with what is to be done. */
    void reviewed(String pharmacist, String outcome, String processInstanceId) {
        events.publishEvent(new InventoryControlRecorded("stock.expiry-reviewed", "expiry-review", processInstanceId,
                pharmacist, Map.of("outcome", outcome)));
    }

    record ExpiryList(LocalDate today, int warnDays, int urgentDays, List<ExpiringLot> lots) {
    }

    /**
     * A lot on the expiry list.
     *
     * @param daysLeft days until it expires (negative: expired that many days ago)
     * @param band {@code EXPIRED}, {@code URGENT} (within the urgent lead time) or {@code SOON}
     */
    record ExpiringLot(UUID lotId, UUID itemId, String ndc, String description, int deaSchedule, String lotNumber,
            LocalDate expiresOn, long daysLeft, String band, String status, String supplier, BigDecimal onHand) {
    }

    /** What a sweep did: lots it quarantined, lots expiring within the lead time, expired lots on hand. */
    record Sweep(int quarantined, long expiring, long expiredOnHand) {
    }
}
