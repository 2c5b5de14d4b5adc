package org.pestle.inventory.internal.reorder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.Permissions;
import org.pestle.inventory.InventoryControlRecorded;
import org.pestle.inventory.StockLot;
import org.pestle.inventory.StockLot.LotStatus;
import org.pestle.inventory.internal.InventoryControlSettings;
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
 * Par levels, the reorder list, purchase orders per wholesaler and receiving against them. An item is
 * on the reorder list when its usable stock (available, not expired) and what is on open orders are at or
 * below its reorder point; the list orders it up to its par level. A purchase order is received once:
 * each line becomes a receipt into a lot (with every check of a receipt), the order closes, and each line
 * is flagged short or over when the quantity received differs from the quantity ordered.
 */
@Service
class PurchaseOrders {

    private final JdbcClient jdbc;
    private final Permissions permissions;
    private final StockRecords records;
    private final InventoryControlSettings settings;
    private final ApplicationEventPublisher events;

    PurchaseOrders(JdbcClient jdbc, Permissions permissions, StockRecords records, InventoryControlSettings settings,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.permissions = permissions;
        this.records = records;
        this.settings = settings;
        this.events = events;
    }

    @Transactional
    ParLevel setParLevel(Actor actor, UUID itemId, ParLevelRequest request) {
        permissions.require(actor, Action.ORDER_STOCK);
        String ndc = jdbc.sql("select ndc from inventory_item where id = ?").param(itemId).query(String.class)
                .optional().orElseThrow(() -> ApiProblem.notFound("Inventory item", itemId.toString()));
        List<FieldError> errors = new ArrayList<>();
        if (request.parLevel() == null || request.parLevel().signum() <= 0) {
            errors.add(new FieldError("parLevel", "must be positive"));
        }
        if (request.reorderPoint() == null || request.reorderPoint().signum() < 0) {
            errors.add(new FieldError("reorderPoint", "must be zero or more"));
        } else if (request.parLevel() != null && request.reorderPoint().compareTo(request.parLevel()) >= 0) {
            errors.add(new FieldError("reorderPoint", "must be below the par level"));
        }
        if (request.wholesaler() == null || request.wholesaler().isBlank() || request.wholesaler().length() > 200) {
            errors.add(new FieldError("wholesaler", "is required, at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "The request is not valid", "Invalid fields: "
                    + errors.stream().map(FieldError::field).collect(Collectors.joining(", ")), errors);
        }
        jdbc.sql("""
                insert into stock_par_level (item_id, par_level, reorder_point, wholesaler, set_by)
                values (?, ?, ?, ?, ?)""").params(itemId, request.parLevel(), request.reorderPoint(),
                request.wholesaler().strip(), actor.username()).update();
        events.publishEvent(new InventoryControlRecorded("par-level.set", "item", itemId.toString(), actor.username(),
                Map.of("ndc", ndc, "parLevel", StockRecords.plain(request.parLevel()).toPlainString(),
                        "reorderPoint", StockRecords.plain(request.reorderPoint()).toPlainString(),
                        "wholesaler", request.wholesaler().strip())));
        return parLevel(itemId).orElseThrow();
    }

    /**
     * A par level suggested from the ledger: the average weekly use (compounding debits net of returns)
     * over the last {@code pestle.inventory.reorder-usage-weeks}; reorder point two weeks of it, par level four.
     */
    @Transactional(readOnly = true)
    Suggestion suggest(Actor actor, UUID itemId) {
        permissions.require(actor, Action.VIEW_STOCK);
        int weeks = settings.reorderUsageWeeks();
        BigDecimal used = jdbc.sql("""
                select coalesce(-sum(m.quantity), 0) from stock_movement m join inventory_lot l on l.id = m.lot_id
                where l.item_id = ? and m.kind in ('USED_IN_COMPOUNDING', 'RETURNED')
                  and m.occurred_at >= now() - make_interval(weeks => ?)""").params(itemId, weeks)
                .query(BigDecimal.class).single();
        BigDecimal weekly = used.divide(BigDecimal.valueOf(weeks), 4, RoundingMode.HALF_UP);
        return new Suggestion(itemId, weeks, StockRecords.plain(used), StockRecords.plain(weekly),
                StockRecords.plain(weekly.multiply(BigDecimal.valueOf(2)).setScale(0, RoundingMode.CEILING)),
                StockRecords.plain(weekly.multiply(BigDecimal.valueOf(4)).setScale(0, RoundingMode.CEILING)));
    }

    @Transactional(readOnly = true)
    List<ReorderLine> reorderList(Actor actor) {
        permissions.require(actor, Action.VIEW_STOCK);
        return reorderList();
    }

    private List<ReorderLine> reorderList() {
        LocalDate today = records.today();
        List<ReorderLine> lines = new ArrayList<>();
        for (Map<String, Object> row : jdbc.sql("""
                select distinct on (p.item_id) p.item_id, p.par_level, p.reorder_point, p.wholesaler, i.ndc,
                       i.description, i.unit, i.dea_schedule,
                       coalesce((select sum(o.quantity_ordered) from purchase_order_line o
                                 join purchase_order po on po.id = o.order_id
                                 where o.item_id = p.item_id and po.status = 'OPEN'), 0) as on_order
                from stock_par_level p join inventory_item i on i.id = p.item_id
                order by p.item_id, p.id desc""").query().listOfRows()) {
            UUID itemId = (UUID) row.get("item_id");
            BigDecimal usable = records.lotsOfItem(itemId).stream()
                    .filter(l -> l.status() == LotStatus.AVAILABLE && !l.expiredOn(today))
                    .map(StockLot::onHand).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal onOrder = (BigDecimal) row.get("on_order");
            BigDecimal position = usable.add(onOrder);
            BigDecimal reorderPoint = (BigDecimal) row.get("reorder_point");
            BigDecimal par = (BigDecimal) row.get("par_level");
            if (position.compareTo(reorderPoint) <= 0) {
                lines.add(new ReorderLine(itemId, (String) row.get("ndc"), (String) row.get("description"),
                        (String) row.get("unit"), ((Number) row.get("dea_schedule")).intValue(),
                        (String) row.get("wholesaler"), StockRecords.plain(usable), StockRecords.plain(onOrder),
                        StockRecords.plain(reorderPoint), StockRecords.plain(par),
                        StockRecords.plain(par.subtract(position))));
            }
        }
        lines.sort(java.util.Comparator.comparing(ReorderLine::wholesaler).thenComparing(ReorderLine::description));
        return lines;
    }

    /**
     * A purchase order for one wholesaler: the lines given, or with none given the wholesaler's lines of the
     * reorder list (each up to its par level).
     */
    @Transactional
    Created create(Actor actor, NewOrder order, Optional<String> idempotencyKey) {
        permissions.require(actor, Action.ORDER_STOCK);
        if (order.wholesaler() == null || order.wholesaler().isBlank() || order.wholesaler().length() > 200) {
            throw StockRecords.invalid("wholesaler", "is required, at most 200 characters");
        }
        String wholesaler = order.wholesaler().strip();
        String hash = Digests.sha256Hex(wholesaler + "\n" + order.lines());
        StockRecords.Created created = records.once(actor.username(), "purchase-order", idempotencyKey, hash, () -> {
            List<OrderLine> lines = order.lines() == null || order.lines().isEmpty()
                    ? reorderList().stream().filter(l -> l.wholesaler().equals(wholesaler))
                            .map(l -> new OrderLine(l.itemId(), l.suggestedQuantity())).toList()
                    : order.lines();
            if (lines.isEmpty()) {
                throw StockRecords.invalid("lines", "nothing to order: the reorder list has no line for " + wholesaler);
            }
            UUID id = UUID.randomUUID();
            jdbc.sql("insert into purchase_order (id, wholesaler, created_by) values (?, ?, ?)")
                    .params(id, wholesaler, actor.username()).update();
            for (int i = 0; i < lines.size(); i++) {
                OrderLine line = lines.get(i);
                if (line.itemId() == null || jdbc.sql("select count(*) from inventory_item where id = ?")
                        .param(line.itemId()).query(Long.class).single() == 0) {
                    throw ApiProblem.invalidField("lines[" + i + "].itemId", "no such inventory item");
                }
                if (line.quantity() == null || line.quantity().signum() <= 0) {
                    throw StockRecords.invalid("lines[" + i + "].quantity", "must be positive");
                }
                try {
                    jdbc.sql("""
                            insert into purchase_order_line (order_id, line_number, item_id, quantity_ordered)
                            values (?, ?, ?, ?)""").params(id, i + 1, line.itemId(), line.quantity()).update();
                } catch (org.springframework.dao.DuplicateKeyException e) {
                    throw StockRecords.invalid("lines[" + i + "].itemId", "is on the order twice");
                }
            }
            events.publishEvent(new InventoryControlRecorded("purchase-order.created", "purchase-order", id.toString(),
                    actor.username(), Map.of("wholesaler", wholesaler, "lines", lines.size())));
            return id;
        });
        return new Created(view(created.id()).orElseThrow(), created.replayed());
    }

    /**
     * Receives the whole delivery of an open order: each line a receipt into its lot, then the order is
     * closed and every line flagged {@code COMPLETE}, {@code SHORT} or {@code OVER}. All or nothing.
     */
    @Transactional
    Optional<Order> receive(Actor actor, UUID orderId, Delivery delivery) {
        permissions.require(actor, Action.RECEIVE_STOCK);
        Optional<Map<String, Object>> locked = jdbc.sql("""
                select wholesaler, status from purchase_order where id = ? for update""").param(orderId).query()
                .listOfRows().stream().findFirst();
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        if (!"OPEN".equals(locked.get().get("status"))) {
            throw ApiProblem.conflict("purchase-order-received", "Purchase order " + orderId + " was received");
        }
        String wholesaler = (String) locked.get().get("wholesaler");
        Map<UUID, BigDecimal> ordered = new HashMap<>();
        jdbc.sql("select item_id, quantity_ordered from purchase_order_line where order_id = ?").param(orderId)
                .query((rs, row) -> ordered.put(rs.getObject("item_id", UUID.class),
                        rs.getBigDecimal("quantity_ordered"))).list();
        List<DeliveryLine> lines = delivery == null || delivery.lines() == null ? List.of() : delivery.lines();
        Map<UUID, BigDecimal> received = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            DeliveryLine line = lines.get(i);
            if (line.itemId() == null || !ordered.containsKey(line.itemId())) {
                throw StockRecords.invalid("lines[" + i + "].itemId", "is not on this purchase order");
            }
            if (line.quantity() == null || line.quantity().signum() <= 0 || line.lotNumber() == null
                    || line.expiresOn() == null) {
                throw StockRecords.invalid("lines[" + i + "]", "needs lotNumber, expiresOn and a positive quantity");
            }
            try {
                records.receive(actor, line.itemId(), line.lotNumber(), line.expiresOn(), wholesaler, line.quantity(),
                        line.deaOrderNumber(), line.supplierDeaNumber());
            } catch (ApiProblem problem) {
                String at = "lines[" + i + "].";
                String type = problem.type().toString().substring(problem.type().toString().lastIndexOf(':') + 1);
                throw new ApiProblem(problem.status(), type, problem.title(), problem.getMessage(),
                        problem.errors().stream().map(e -> new FieldError(at + e.field(), e.message())).toList());
            }
            received.merge(line.itemId(), line.quantity(), BigDecimal::add);
        }
        boolean discrepancy = false;
        for (Map.Entry<UUID, BigDecimal> line : ordered.entrySet()) {
            BigDecimal got = received.getOrDefault(line.getKey(), BigDecimal.ZERO);
            discrepancy |= got.compareTo(line.getValue()) != 0;
            jdbc.sql("update purchase_order_line set quantity_received = ? where order_id = ? and item_id = ?")
                    .params(got, orderId, line.getKey()).update();
        }
        jdbc.sql("""
                update purchase_order set status = 'RECEIVED', received_by = ?, received_at = now() where id = ?""")
                .params(actor.username(), orderId).update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("wholesaler", wholesaler);
        details.put("discrepancy", discrepancy);
        events.publishEvent(new InventoryControlRecorded("purchase-order.received", "purchase-order",
                orderId.toString(), actor.username(), details));
        return view(orderId);
    }

    @Transactional(readOnly = true)
    Optional<Order> view(Actor actor, UUID orderId) {
        permissions.require(actor, Action.VIEW_STOCK);
        return view(orderId);
    }

    @Transactional(readOnly = true)
    List<Order> list(Actor actor) {
        permissions.require(actor, Action.VIEW_STOCK);
        return jdbc.sql("select id from purchase_order order by created_at desc limit 200").query(UUID.class).list()
                .stream().map(id -> view(id).orElseThrow()).toList();
    }

    /**
     * The order as CSV (RFC 4180): one row per line with the order number, NDC (11 digits), description,
     * quantity and unit. The shape a wholesaler's ordering system imports is an adapter on top of this one.
     */
    @Transactional(readOnly = true)
    Optional<String> csv(Actor actor, UUID orderId) {
        return view(actor, orderId).map(order -> {
            StringWriter out = new StringWriter();
            try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("purchase_order",
                    "wholesaler", "line", "ndc", "description", "quantity", "unit").get())) {
                for (Line line : order.lines()) {
                    printer.printRecord(order.id(), order.wholesaler(), line.lineNumber(), line.ndc(),
                            line.description(), line.quantityOrdered().toPlainString(), line.unit());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        });
    }

    private Optional<ParLevel> parLevel(UUID itemId) {
        return jdbc.sql("""
                select item_id, par_level, reorder_point, wholesaler, set_by, set_at from stock_par_level
                where item_id = ? order by id desc limit 1""").param(itemId)
                .query((rs, row) -> new ParLevel(rs.getObject("item_id", UUID.class),
                        StockRecords.plain(rs.getBigDecimal("par_level")),
                        StockRecords.plain(rs.getBigDecimal("reorder_point")), rs.getString("wholesaler"),
                        rs.getString("set_by"), rs.getObject("set_at", OffsetDateTime.class)))
                .optional();
    }

    private Optional<Order> view(UUID orderId) {
        List<Line> lines = jdbc.sql("""
                select o.line_number, o.item_id, i.ndc, i.description, i.unit, i.dea_schedule, o.quantity_ordered,
                       o.quantity_received
                from purchase_order_line o join inventory_item i on i.id = o.item_id
                where o.order_id = ? order by o.line_number""").param(orderId)
                .query((rs, row) -> {
                    BigDecimal orderedQuantity = rs.getBigDecimal("quantity_ordered");
                    BigDecimal receivedQuantity = rs.getBigDecimal("quantity_received");
                    String flag = receivedQuantity == null ? null
                            : receivedQuantity.compareTo(orderedQuantity) < 0 ? "SHORT"
                            : receivedQuantity.compareTo(orderedQuantity) > 0 ? "OVER" : "COMPLETE";
                    return new Line(rs.getInt("line_number"), rs.getObject("item_id", UUID.class), rs.getString("ndc"),
                            rs.getString("description"), rs.getString("unit"), rs.getInt("dea_schedule"),
                            StockRecords.plain(orderedQuantity),
                            receivedQuantity == null ? null : StockRecords.plain(receivedQuantity), flag);
                }).list();
        return jdbc.sql("""
                select id, wholesaler, status, created_by, created_at, received_by, received_at
                from purchase_order where id = ?""").param(orderId)
                .query((rs, row) -> new Order(rs.getObject("id", UUID.class), rs.getString("wholesaler"),
                        rs.getString("status"), rs.getString("created_by"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getString("received_by"),
                        rs.getObject("received_at", OffsetDateTime.class), lines))
                .optional();
    }

    record ParLevelRequest(BigDecimal parLevel, BigDecimal reorderPoint, String wholesaler) {
    }

    record ParLevel(UUID itemId, BigDecimal parLevel, BigDecimal reorderPoint, String wholesaler, String setBy,
            OffsetDateTime setAt) {
    }

    record Suggestion(UUID itemId, int weeks, BigDecimal used, BigDecimal weeklyUse, BigDecimal reorderPoint,
            BigDecimal parLevel) {
    }

    /** An item at or below its reorder point, and how much would bring it to par. */
    record ReorderLine(UUID itemId, String ndc, String description, String unit, int deaSchedule, String wholesaler,
            BigDecimal usableOnHand, BigDecimal onOrder, BigDecimal reorderPoint, BigDecimal parLevel,
            BigDecimal suggestedQuantity) {
    }

    record NewOrder(String wholesaler, List<OrderLine> lines) {
    }

    record OrderLine(UUID itemId, BigDecimal quantity) {
    }

    record Delivery(List<DeliveryLine> lines) {
    }

    /** A delivered line: Schedule II needs {@code deaOrderNumber} (DEA 222 or CSOS), controlled items {@code supplierDeaNumber}. */
    record DeliveryLine(UUID itemId, String lotNumber, LocalDate expiresOn, BigDecimal quantity, String deaOrderNumber,
            String supplierDeaNumber) {
    }

    record Created(Order order, boolean replayed) {
    }

    record Order(UUID id, String wholesaler, String status, String createdBy, OffsetDateTime createdAt,
            String receivedBy, OffsetDateTime receivedAt, List<Line> lines) {
    }

    /** @param flag after receipt: {@code COMPLETE}, {@code SHORT} or {@code OVER} */
    record Line(int lineNumber, UUID itemId, String ndc, String description, String unit, int deaSchedule,
            BigDecimal quantityOrdered, BigDecimal quantityReceived, String flag) {
    }
}
