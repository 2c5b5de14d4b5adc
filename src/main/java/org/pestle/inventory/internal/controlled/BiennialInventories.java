package org.pestle.inventory.internal.controlled;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.Permissions;
import org.pestle.inventory.InventoryControlRecorded;
import org.pestle.inventory.StockLot;
import org.pestle.inventory.internal.StockRecords;
import org.pestle.platform.ApiProblem;
import org.pestle.platform.ApiProblem.FieldError;
import org.pestle.platform.Digests;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The biennial inventory of controlled substances (21 CFR 1304.11) as a guided count: the day, opening or
 * close of business, and one line per lot of every controlled item (expired stock included, zero recorded
 * when there is none). Schedule II and every sealed container is counted exactly; an open container of
 * Schedule III to V may be estimated unless it holds more than 1,000 units. Append-only, kept with the
 * rest of the record.
 */
@Service
class BiennialInventories {

    static final BigDecimal ESTIMATE_LIMIT = new BigDecimal("1000");

    private final JdbcClient jdbc;
    private final Permissions permissions;
    private final StockRecords records;
    private final ApplicationEventPublisher events;

    BiennialInventories(JdbcClient jdbc, Permissions permissions, StockRecords records,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.permissions = permissions;
        this.records = records;
        this.events = events;
    }

    /** The count sheet: every controlled item and its lots with stock, what to count and how. */
    @Transactional(readOnly = true)
    List<SheetLine> sheet(Actor actor) {
        permissions.require(actor, Action.COUNT_CONTROLLED);
        List<SheetLine> sheet = new ArrayList<>();
        for (Map<String, Object> item : controlledItems()) {
            UUID itemId = (UUID) item.get("id");
            int schedule = ((Number) item.get("dea_schedule")).intValue();
            List<StockLot> lots = records.lotsOfItem(itemId).stream().filter(l -> l.onHand().signum() > 0).toList();
            if (lots.isEmpty()) {
                sheet.add(new SheetLine(itemId, (String) item.get("ndc"), (String) item.get("description"), schedule,
                        null, null, BigDecimal.ZERO, false, schedule == 2 ? "EXACT" : "EXACT or ESTIMATE (open)"));
            }
            for (StockLot lot : lots) {
                sheet.add(new SheetLine(itemId, (String) item.get("ndc"), (String) item.get("description"), schedule,
                        lot.id(), lot.lotNumber(), lot.onHand(), lot.expiredOn(records.today()),
                        schedule == 2 ? "EXACT" : "EXACT or ESTIMATE (open)"));
            }
        }
        return sheet;
    }

    @Transactional
    Created take(Actor actor, Count count, Optional<String> idempotencyKey) {
        permissions.require(actor, Action.COUNT_CONTROLLED);
        String hash = Digests.sha256Hex(count.toString());
        StockRecords.Created created = records.once(actor.username(), "biennial-inventory", idempotencyKey, hash,
                () -> create(actor, count));
        return new Created(view(created.id()).orElseThrow(), created.replayed());
    }

    private UUID create(Actor actor, Count count) {
        List<FieldError> errors = new ArrayList<>();
        if (count.takenOn() == null || count.takenOn().isAfter(records.today())) {
            errors.add(new FieldError("takenOn", "is the day of the count, not in the future"));
        }
        if (!"OPENING".equals(count.takenAt()) && !"CLOSE".equals(count.takenAt())) {
            errors.add(new FieldError("takenAt", "must be OPENING or CLOSE (of business)"));
        }
        List<Map<String, Object>> items = controlledItems();
        Map<UUID, Integer> schedules = items.stream().collect(Collectors.toMap(i -> (UUID) i.get("id"),
                i -> ((Number) i.get("dea_schedule")).intValue()));
        List<Line> lines = count.lines() == null ? List.of() : count.lines();
        List<Object[]> rows = new ArrayList<>();
        Set<UUID> counted = new java.util.HashSet<>();
        Map<UUID, StockLot> lotsById = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            String at = "lines[" + i + "].";
            Integer schedule = line.itemId() == null ? null : schedules.get(line.itemId());
            if (schedule == null) {
                errors.add(new FieldError(at + "itemId", "is not a controlled item"));
                continue;
            }
            if (line.quantity() == null || line.quantity().signum() < 0) {
                errors.add(new FieldError(at + "quantity", "must be zero or more"));
                continue;
            }
            if (!"SEALED".equals(line.container()) && !"OPEN".equals(line.container())) {
                errors.add(new FieldError(at + "container", "must be SEALED or OPEN"));
                continue;
            }
            String kind = line.countKind() == null ? "EXACT" : line.countKind();
            if ("ESTIMATE".equals(kind)) {
                if (schedule == 2) {
                    errors.add(new FieldError(at + "countKind", "Schedule II is counted exactly, never estimated"));
                    continue;
                }
                if ("SEALED".equals(line.container())) {
                    errors.add(new FieldError(at + "countKind", "a sealed container is counted exactly"));
                    continue;
                }
                if (line.quantity().compareTo(ESTIMATE_LIMIT) > 0) {
                    errors.add(new FieldError(at + "countKind",
                            "an open container of more than 1,000 units is counted exactly"));
                    continue;
                }
            } else if (!"EXACT".equals(kind)) {
                errors.add(new FieldError(at + "countKind", "must be EXACT or ESTIMATE"));
                continue;
            }
            BigDecimal ledger = BigDecimal.ZERO;
            boolean expired = false;
            if (line.lotId() != null) {
                StockLot lot = lotsById.computeIfAbsent(line.lotId(), id -> records.lot(id).orElse(null));
                if (lot == null || !lot.itemId().equals(line.itemId())) {
                    errors.add(new FieldError(at + "lotId", "is not a lot of this item"));
                    continue;
                }
                ledger = lot.onHand();
                expired = lot.expiredOn(count.takenOn() == null ? records.today() : count.takenOn());
            }
            counted.add(line.itemId());
            rows.add(new Object[] {i + 1, line.itemId(), line.lotId(), schedule, line.container(), kind,
                    line.quantity(), ledger, expired});
        }
        for (Map<String, Object> item : items) {
            if (!counted.contains(item.get("id"))) {
                errors.add(new FieldError("lines", "item " + item.get("id")
                        + " has no line: every controlled item is counted, zero recorded when there is none"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "The request is not valid",
                    "Invalid fields: " + errors.stream().map(FieldError::field).distinct()
                            .collect(Collectors.joining(", ")), errors);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into biennial_inventory (id, taken_on, taken_at, taken_by) values (?, ?, ?, ?)")
                .params(id, count.takenOn(), count.takenAt(), actor.username()).update();
        for (Object[] row : rows) {
            jdbc.sql("""
                    insert into biennial_inventory_line (inventory_id, line_number, item_id, lot_id, dea_schedule,
                        container, count_kind, quantity, ledger_quantity, expired)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8]).update();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("takenOn", count.takenOn().toString());
        details.put("takenAt", count.takenAt());
        details.put("lines", rows.size());
        events.publishEvent(new InventoryControlRecorded("controlled.biennial-inventory", "biennial-inventory",
                id.toString(), actor.username(), details));
        return id;
    }

    @Transactional(readOnly = true)
    Optional<View> view(Actor actor, UUID id) {
        permissions.require(actor, Action.VIEW_STOCK);
        return view(id);
    }

    private Optional<View> view(UUID id) {
        return jdbc.sql("select id, taken_on, taken_at, taken_by, created_at from biennial_inventory where id = ?")
                .param(id).query((rs, row) -> new View(rs.getObject("id", UUID.class),
                        rs.getObject("taken_on", LocalDate.class), rs.getString("taken_at"), rs.getString("taken_by"),
                        rs.getObject("created_at", OffsetDateTime.class), lines(id)))
                .optional();
    }

    private List<ViewLine> lines(UUID id) {
        return jdbc.sql("""
                select b.line_number, b.item_id, i.ndc, i.description, i.unit, b.lot_id, l.lot_number, b.dea_schedule,
                       b.container, b.count_kind, b.quantity, b.ledger_quantity, b.expired
                from biennial_inventory_line b join inventory_item i on i.id = b.item_id
                left join inventory_lot l on l.id = b.lot_id
                where b.inventory_id = ? order by b.dea_schedule, i.description, b.line_number""").param(id)
                .query((rs, row) -> new ViewLine(rs.getInt("line_number"), rs.getObject("item_id", UUID.class),
                        rs.getString("ndc"), rs.getString("description"), rs.getString("unit"),
                        rs.getObject("lot_id", UUID.class), rs.getString("lot_number"), rs.getInt("dea_schedule"),
                        rs.getString("container"), rs.getString("count_kind"),
                        StockRecords.plain(rs.getBigDecimal("quantity")),
                        StockRecords.plain(rs.getBigDecimal("ledger_quantity")), rs.getBoolean("expired")))
                .list();
    }

    private List<Map<String, Object>> controlledItems() {
        return jdbc.sql("""
                select id, ndc, description, dea_schedule from inventory_item where dea_schedule <> 0
                order by dea_schedule, description""").query().listOfRows();
    }

    /** A count as staff enter it. */
    record Count(LocalDate takenOn, String takenAt, List<Line> lines) {
    }

    /**
     * One counted line: an item (and its lot), the container, how it was counted, the quantity.
     *
     * @param countKind {@code EXACT} (the default) or {@code ESTIMATE}
     */
    record Line(UUID itemId, UUID lotId, String container, String countKind, BigDecimal quantity) {
    }

    record SheetLine(UUID itemId, String ndc, String description, int deaSchedule, UUID lotId, String lotNumber,
            BigDecimal ledgerQuantity, boolean expired, String countAs) {
    }

    record Created(View inventory, boolean replayed) {
    }

    record View(UUID id, LocalDate takenOn, String takenAt, String takenBy, OffsetDateTime recordedAt,
            List<ViewLine> lines) {
    }

    record ViewLine(int lineNumber, UUID itemId, String ndc, String description, String unit, UUID lotId,
            String lotNumber, int deaSchedule, String container, String countKind, BigDecimal quantity,
            BigDecimal ledgerQuantity, boolean expired) {
    }
}
