package org.pestle.inventory.internal.controlled;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.Permissions;
import org.pestle.inventory.InventoryControlRecorded;
import org.pestle.inventory.internal.InventoryControlSettings;
import org.pestle.inventory.internal.StockRecords;
import org.pestle.inventory.internal.controlled.PerpetualInventory.ControlledItem;
import org.pestle.platform.ApiProblem;
import org.pestle.platform.Digests;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reconciliation of a controlled item for a period: the period's opening balance, what was received,
 * dispensed (used in compounding, net of what came back), destroyed, returned to the wholesaler and adjusted,
 * all from the ledger, give the expected quantity; staff enter the physical count. A count that matches
 * closes the period; a variance opens processes/controlled-variance-investigation.bpmn for the pharmacist
 * in charge. Reconciliations are append-only; a period runs from the previous reconciliation of the item
 * (its last ledger movement) to the count.
 */
@Service
class Reconciliations {

    private final JdbcClient jdbc;
    private final Permissions permissions;
    private final InventoryControlSettings settings;
    private final StockRecords records;
    private final VarianceInvestigationProcess investigations;
    private final ApplicationEventPublisher events;

    Reconciliations(JdbcClient jdbc, Permissions permissions, InventoryControlSettings settings, StockRecords records,
            VarianceInvestigationProcess investigations, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.permissions = permissions;
        this.settings = settings;
        this.records = records;
        this.investigations = investigations;
        this.events = events;
    }

    @Transactional
    Created reconcile(Actor actor, UUID itemId, BigDecimal counted, Optional<String> idempotencyKey) {
        permissions.require(actor, Action.COUNT_CONTROLLED);
        if (counted == null || counted.signum() < 0) {
            throw StockRecords.invalid("counted", "must be zero or more");
        }
        String hash = Digests.sha256Hex(itemId + "\n" + counted.stripTrailingZeros().toPlainString());
        StockRecords.Created created = records.once(actor.username(), "reconciliation", idempotencyKey, hash,
                () -> create(actor, itemId, counted));
        return new Created(view(created.id()).orElseThrow(), created.replayed());
    }

    private UUID create(Actor actor, UUID itemId, BigDecimal counted) {
        ControlledItem item = PerpetualInventory.item(jdbc, itemId)
                .orElseThrow(() -> ApiProblem.invalidField("itemId", "no such inventory item"));
        if (!settings.reconciledSchedules().contains(item.deaSchedule())) {
            throw StockRecords.invalid("itemId", "is not of a reconciled DEA schedule " + settings.reconciledSchedules());
        }
        // No movement commits while the count is compared with the ledger: a movement in flight commits
        // first (and is in this period), one that comes later waits (and is in the next).
        jdbc.sql("lock table stock_movement in share mode").update();
        Optional<Previous> previous = jdbc.sql("""
                select through_movement_id, period_end from controlled_reconciliation
                where item_id = ? order by through_movement_id desc, created_at desc limit 1""").param(itemId)
                .query((rs, row) -> new Previous(rs.getLong("through_movement_id"),
                        rs.getObject("period_end", OffsetDateTime.class)))
                .optional();
        long from = previous.map(Previous::throughMovementId).orElse(0L);
        Map<String, Object> sums = jdbc.sql("""
                select coalesce(sum(m.quantity) filter (where m.id <= :from), 0) as opening,
                       coalesce(sum(m.quantity) filter (where m.id > :from and m.kind = 'RECEIVED'), 0) as received,
                       coalesce(-sum(m.quantity) filter (where m.id > :from
                                and m.kind in ('USED_IN_COMPOUNDING', 'RETURNED')), 0) as dispensed,
                       coalesce(-sum(m.quantity) filter (where m.id > :from and m.kind = 'DESTROYED'), 0) as destroyed,
                       coalesce(-sum(m.quantity) filter (where m.id > :from and m.kind = 'RETURNED_TO_SUPPLIER'), 0)
                           as returned,
                       coalesce(sum(m.quantity) filter (where m.id > :from and m.kind = 'ADJUSTED'), 0) as adjusted,
                       coalesce(max(m.id), :from) as through,
                       min(m.occurred_at) as first_at,
                       clock_timestamp() as now
                from stock_movement m join inventory_lot l on l.id = m.lot_id
                where l.item_id = :item""").param("from", from).param("item", itemId).query().singleRow();
        BigDecimal opening = (BigDecimal) sums.get("opening");
        BigDecimal received = (BigDecimal) sums.get("received");
        BigDecimal dispensed = (BigDecimal) sums.get("dispensed");
        BigDecimal destroyed = (BigDecimal) sums.get("destroyed");
        BigDecimal returned = (BigDecimal) sums.get("returned");
        BigDecimal adjusted = (BigDecimal) sums.get("adjusted");
        BigDecimal expected = opening.add(received).subtract(dispensed).subtract(destroyed).subtract(returned)
                .add(adjusted);
        BigDecimal variance = counted.subtract(expected);
        OffsetDateTime now = ((java.sql.Timestamp) sums.get("now")).toInstant().atOffset(ZoneOffset.UTC);
        OffsetDateTime start = previous.map(Previous::periodEnd).orElseGet(() -> sums.get("first_at") == null ? now
                .minusMonths(settings.reconciliationMonths())
                : ((java.sql.Timestamp) sums.get("first_at")).toInstant().atOffset(ZoneOffset.UTC).minusSeconds(1));
        if (!start.isBefore(now)) {
            start = now.minusSeconds(1);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into controlled_reconciliation (id, item_id, period_start, period_end, opening, received,
                    dispensed, destroyed, returned, adjusted, expected, counted, variance, counted_by,
                    opening_through_movement_id, through_movement_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, itemId, start, now, opening, received, dispensed, destroyed, returned, adjusted, expected,
                        counted, variance, actor.username(), from, ((Number) sums.get("through")).longValue())
                .update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("itemId", itemId.toString());
        details.put("ndc", item.ndc());
        details.put("deaSchedule", item.deaSchedule());
        details.put("expected", StockRecords.plain(expected).toPlainString());
        details.put("counted", StockRecords.plain(counted).toPlainString());
        details.put("variance", variance.signum() != 0);
        events.publishEvent(new InventoryControlRecorded("controlled.reconciled", "reconciliation", id.toString(),
                actor.username(), details));
        if (variance.signum() != 0) {
            investigations.start(id, itemId, StockRecords.plain(variance));
        }
        return id;
    }

    @Transactional(readOnly = true)
    List<View> ofItem(Actor actor, UUID itemId) {
        permissions.require(actor, Action.VIEW_STOCK);
        return jdbc.sql(VIEW + " where r.item_id = ? order by r.period_end desc").param(itemId).query(this::row).list();
    }

    @Transactional(readOnly = true)
    Optional<View> view(Actor actor, UUID id) {
        permissions.require(actor, Action.VIEW_STOCK);
        return view(id);
    }

    private Optional<View> view(UUID id) {
        return jdbc.sql(VIEW + " where r.id = ?").param(id).query(this::row).optional();
    }

    /** The investigation's outcome, recorded once by the pharmacist in charge (the task's listener). */
    @Transactional
    void recordInvestigation(UUID reconciliationId, String outcome, String form106Reference, String pharmacist) {
        jdbc.sql("""
                insert into controlled_investigation (reconciliation_id, outcome, dea_form_106_reference, investigated_by)
                values (?, ?, ?, ?)""").params(reconciliationId, outcome, form106Reference, pharmacist).update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("outcome", outcome);
        if (form106Reference != null) {
            details.put("deaForm106Reference", form106Reference);
        }
        events.publishEvent(new InventoryControlRecorded("controlled.variance-investigated", "reconciliation",
                reconciliationId.toString(), pharmacist, details));
    }

    private static final String VIEW = """
            select r.*, i.ndc, i.description, i.dea_schedule, v.outcome, v.dea_form_106_reference, v.investigated_by,
                   v.closed_at
            from controlled_reconciliation r join inventory_item i on i.id = r.item_id
            left join controlled_investigation v on v.reconciliation_id = r.id""";

    private View row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        BigDecimal variance = rs.getBigDecimal("variance");
        String status = variance.signum() == 0 ? "BALANCED"
                : rs.getString("outcome") == null ? "UNDER_INVESTIGATION" : "INVESTIGATED";
        OffsetDateTime end = rs.getObject("period_end", OffsetDateTime.class);
        return new View(rs.getObject("id", UUID.class), rs.getObject("item_id", UUID.class), rs.getString("ndc"),
                rs.getString("description"), rs.getInt("dea_schedule"),
                rs.getObject("period_start", OffsetDateTime.class), end,
                end.plusMonths(settings.reconciliationMonths()).toLocalDate(),
                StockRecords.plain(rs.getBigDecimal("opening")), StockRecords.plain(rs.getBigDecimal("received")),
                StockRecords.plain(rs.getBigDecimal("dispensed")), StockRecords.plain(rs.getBigDecimal("destroyed")),
                StockRecords.plain(rs.getBigDecimal("returned")), StockRecords.plain(rs.getBigDecimal("adjusted")),
                StockRecords.plain(rs.getBigDecimal("expected")), StockRecords.plain(rs.getBigDecimal("counted")),
                StockRecords.plain(variance), status, rs.getString("counted_by"), rs.getString("outcome"),
                rs.getString("dea_form_106_reference"), rs.getString("investigated_by"));
    }

    private record Previous(long throughMovementId, OffsetDateTime periodEnd) {
    }

    record Created(View reconciliation, boolean replayed) {
    }

    /**
     * A reconciliation: opening + received − dispensed − destroyed − returned + adjusted = expected, against
     * the count.
     *
     * @param nextDueOn when the next one is due, by the state's cadence
     * @param status {@code BALANCED}, {@code UNDER_INVESTIGATION} or {@code INVESTIGATED}
     */
    record View(UUID id, UUID itemId, String ndc, String description, int deaSchedule, OffsetDateTime periodStart,
            OffsetDateTime periodEnd, java.time.LocalDate nextDueOn, BigDecimal opening, BigDecimal received,
            BigDecimal dispensed, BigDecimal destroyed, BigDecimal returned, BigDecimal adjusted, BigDecimal expected,
            BigDecimal counted, BigDecimal variance, String status, String countedBy, String investigationOutcome,
            String deaForm106Reference, String investigatedBy) {
    }
}
