package org.pestle.inventory.internal.returns;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.BadUserRequestException;
import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.Permissions;
import org.pestle.inventory.InventoryControlRecorded;
import org.pestle.inventory.StockLot;
import org.pestle.inventory.internal.StockRecords;
import org.pestle.platform.ApiProblem;
import org.pestle.platform.Digests;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Returns of expired or short-dated stock to the wholesaler: the request starts
 * processes/return-to-wholesaler.bpmn; each step (picked, packed with the return authorization number and, for
 * Schedule II, the DEA Form 222 the receiving registrant issued; shipped; credited or denied) is an append-only
 * row and an audit record, and the stock leaves the lot when it is shipped ({@code RETURNED_TO_SUPPLIER}).
 */
@Service
class WholesalerReturns {

    static final Set<String> REASONS = Set.of("EXPIRED", "SHORT_DATED", "OVERSTOCK", "RECALLED", "DAMAGED");

    private final JdbcClient jdbc;
    private final Permissions permissions;
    private final StockRecords records;
    private final ReturnProcess process;
    private final ApplicationEventPublisher events;

    WholesalerReturns(JdbcClient jdbc, Permissions permissions, StockRecords records, ReturnProcess process,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.permissions = permissions;
        this.records = records;
        this.process = process;
        this.events = events;
    }

    @Transactional
    Created request(Actor actor, Request request, Optional<String> idempotencyKey) {
        permissions.require(actor, Action.ORDER_STOCK);
        String hash = Digests.sha256Hex(request.toString());
        StockRecords.Created created = records.once(actor.username(), "return", idempotencyKey, hash, () -> {
            if (request.lotId() == null) {
                throw ApiProblem.invalidField("lotId", "is required");
            }
            StockLot lot = records.lot(request.lotId())
                    .orElseThrow(() -> ApiProblem.invalidField("lotId", "no such lot"));
            if (request.quantity() == null || request.quantity().signum() <= 0) {
                throw StockRecords.invalid("quantity", "must be positive");
            }
            if (lot.onHand().compareTo(request.quantity()) < 0) {
                throw StockRecords.invalid("quantity", "is more than the lot holds: " + lot.onHand());
            }
            if (!REASONS.contains(request.reason())) {
                throw StockRecords.invalid("reason", "must be one of " + REASONS);
            }
            String wholesaler = request.wholesaler() == null || request.wholesaler().isBlank() ? lot.supplier()
                    : request.wholesaler().strip();
            int schedule = jdbc.sql("select dea_schedule from inventory_item where id = ?").param(lot.itemId())
                    .query(Integer.class).single();
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                    insert into wholesaler_return (id, lot_id, quantity, wholesaler, reason, dea_schedule, requested_by)
                    values (?, ?, ?, ?, ?, ?, ?)""").params(id, lot.id(), request.quantity(), wholesaler,
                    request.reason(), schedule, actor.username()).update();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("lotId", lot.id().toString());
            details.put("quantity", StockRecords.plain(request.quantity()).toPlainString());
            details.put("reason", request.reason());
            details.put("wholesaler", wholesaler);
            details.put("deaSchedule", schedule);
            events.publishEvent(new InventoryControlRecorded("return.requested", "return", id.toString(),
                    actor.username(), details));
            process.start(id, schedule);
            return id;
        });
        return new Created(view(created.id()).orElseThrow(), created.replayed());
    }

    /** A step done in its task (the listener has checked who may do it). */
    @Transactional
    void step(UUID returnId, String step, String actor, String authorizationNumber, String form222,
            BigDecimal creditAmount, String denialReason) {
        View ret = view(returnId).orElseThrow();
        if (ret.steps().stream().anyMatch(s -> s.step().equals(step))) {
            return;
        }
        if ("SHIPPED".equals(step)) {
            StockLot lot = records.lock(List.of(ret.lotId())).get(0);
            if (lot.onHand().compareTo(ret.quantity()) < 0) {
                throw new BadUserRequestException("The lot holds " + lot.onHand() + " now, less than the "
                        + ret.quantity() + " to return");
            }
            records.insertMovement(lot.id(), "RETURNED_TO_SUPPLIER", ret.quantity().negate(), null, null,
                    "return:" + returnId, actor);
        }
        jdbc.sql("""
                insert into wholesaler_return_step (return_id, step, actor, authorization_number, dea_form_222_number,
                    credit_amount, denial_reason)
                values (?, ?, ?, ?, ?, ?, ?)""").params(returnId, step, actor, authorizationNumber, form222,
                creditAmount, denialReason).update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("lotId", ret.lotId().toString());
        if (authorizationNumber != null) {
            details.put("authorizationNumber", authorizationNumber);
        }
        if (form222 != null) {
            details.put("deaForm222Number", form222);
        }
        if (creditAmount != null) {
            details.put("creditAmount", creditAmount.toPlainString());
        }
        if (denialReason != null) {
            details.put("denialReason", denialReason);
        }
        events.publishEvent(new InventoryControlRecorded("return." + step.toLowerCase(java.util.Locale.ROOT),
                "return", returnId.toString(), actor, details));
    }

    @Transactional(readOnly = true)
    Optional<View> view(Actor actor, UUID id) {
        permissions.require(actor, Action.VIEW_STOCK);
        return view(id);
    }

    Optional<View> view(UUID id) {
        List<Step> steps = jdbc.sql("""
                select step, actor, authorization_number, dea_form_222_number, credit_amount, denial_reason, occurred_at
                from wholesaler_return_step where return_id = ? order by id""").param(id)
                .query((rs, row) -> new Step(rs.getString("step"), rs.getString("actor"),
                        rs.getString("authorization_number"), rs.getString("dea_form_222_number"),
                        rs.getBigDecimal("credit_amount"), rs.getString("denial_reason"),
                        rs.getObject("occurred_at", OffsetDateTime.class)))
                .list();
        return jdbc.sql("""
                select id, lot_id, quantity, wholesaler, reason, dea_schedule, requested_by, created_at
                from wholesaler_return where id = ?""").param(id)
                .query((rs, row) -> new View(rs.getObject("id", UUID.class), rs.getObject("lot_id", UUID.class),
                        StockRecords.plain(rs.getBigDecimal("quantity")), rs.getString("wholesaler"),
                        rs.getString("reason"), rs.getInt("dea_schedule"), rs.getString("requested_by"),
                        rs.getObject("created_at", OffsetDateTime.class),
                        steps.isEmpty() ? "REQUESTED" : steps.get(steps.size() - 1).step(), steps))
                .optional();
    }

    record Request(UUID lotId, BigDecimal quantity, String reason, String wholesaler) {
    }

    record Created(View ret, boolean replayed) {
    }

    /** @param status the last step: {@code REQUESTED}, {@code PICKED}, … {@code CREDITED} or {@code DENIED} */
    record View(UUID id, UUID lotId, BigDecimal quantity, String wholesaler, String reason, int deaSchedule,
            String requestedBy, OffsetDateTime requestedAt, String status, List<Step> steps) {
    }

    record Step(String step, String actor, String authorizationNumber, String deaForm222Number,
            BigDecimal creditAmount, String denialReason, OffsetDateTime occurredAt) {
    }
}
