package org.pestle.inventory.internal.controlled;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.Permissions;
import org.pestle.inventory.InventoryControlRecorded;
import org.pestle.inventory.StockAdjusted;
import org.pestle.inventory.StockLot;
import org.pestle.inventory.internal.StockRecords;
import org.pestle.platform.ApiProblem;
import org.pestle.platform.Digests;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Destruction of controlled stock by two people: a pharmacist records what is to be destroyed, how and why;
 * a second person, never the first, witnesses it, and only then does the stock leave the ledger (a
 * {@code DESTROYED} movement). Both steps are append-only and audited.
 */
@Service
class WitnessedDestructions {

    static final Set<String> REASONS = Set.of("EXPIRED", "RECALLED", "DAMAGED", "CONTAMINATED", "RETURNED_BY_PATIENT");
    static final Set<String> METHODS = Set.of("REVERSE_DISTRIBUTOR", "ON_SITE_NON_RETRIEVABLE");

    private final JdbcClient jdbc;
    private final Permissions permissions;
    private final StockRecords records;
    private final ApplicationEventPublisher events;

    WitnessedDestructions(JdbcClient jdbc, Permissions permissions, StockRecords records,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.permissions = permissions;
        this.records = records;
        this.events = events;
    }

    @Transactional
    Created request(Actor actor, Request request, Optional<String> idempotencyKey) {
        permissions.require(actor, Action.ADJUST_STOCK);
        String hash = Digests.sha256Hex(request.toString());
        StockRecords.Created created = records.once(actor.username(), "destruction", idempotencyKey, hash, () -> {
            if (request.quantity() == null || request.quantity().signum() <= 0) {
                throw StockRecords.invalid("quantity", "must be positive");
            }
            if (!REASONS.contains(request.reason())) {
                throw StockRecords.invalid("reason", "must be one of " + REASONS);
            }
            if (!METHODS.contains(request.method())) {
                throw StockRecords.invalid("method", "must be one of " + METHODS);
            }
            StockLot lot = records.lot(request.lotId())
                    .orElseThrow(() -> ApiProblem.invalidField("lotId", "no such lot"));
            int schedule = schedule(lot.itemId());
            if (schedule == 0) {
                throw StockRecords.invalid("lotId", "is not a controlled substance: destroy it with "
                        + "POST /api/inventory/lots/{id}/destructions");
            }
            if (lot.onHand().compareTo(request.quantity()) < 0) {
                throw StockRecords.invalid("quantity", "is more than the lot holds: " + lot.onHand());
            }
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                    insert into controlled_destruction (id, lot_id, quantity, reason, method, destroyed_by)
                    values (?, ?, ?, ?, ?, ?)""").params(id, lot.id(), request.quantity(), request.reason(),
                    request.method(), actor.username()).update();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("lotId", lot.id().toString());
            details.put("quantity", StockRecords.plain(request.quantity()).toPlainString());
            details.put("reason", request.reason());
            details.put("method", request.method());
            events.publishEvent(new InventoryControlRecorded("controlled.destruction-requested", "destruction",
                    id.toString(), actor.username(), details));
            return id;
        });
        return new Created(view(created.id()).orElseThrow(), created.replayed());
    }

    /** The second person witnesses the destruction; the stock leaves the lot now. */
    @Transactional
    Optional<View> witness(Actor witness, UUID destructionId) {
        permissions.require(witness, Action.RECEIVE_STOCK);
        Optional<View> pending = view(destructionId);
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        StockLot lot = records.lock(List.of(pending.get().lotId())).get(0);
        // read again under the lot's lock: of two witnesses at once, the second sees the first
        View destruction = view(destructionId).orElseThrow();
        if (destruction.witnessedBy() != null) {
            if (destruction.witnessedBy().equals(witness.username())) {
                return pending;
            }
            throw ApiProblem.conflict("already-witnessed", "Destruction " + destructionId + " was witnessed");
        }
        if (destruction.destroyedBy().equals(witness.username())) {
            throw ApiProblem.conflict("same-person", "The witness of a destruction is another person than the one "
                    + "who destroys the stock");
        }
        if (lot.onHand().compareTo(destruction.quantity()) < 0) {
            throw StockRecords.invalid("quantity", "the lot holds " + lot.onHand() + " now, less than "
                    + destruction.quantity());
        }
        long movement = records.insertMovement(lot.id(), "DESTROYED", destruction.quantity().negate(),
                destruction.reason(), null, "destruction:" + destructionId, destruction.destroyedBy());
        jdbc.sql("""
                insert into controlled_destruction_witness (destruction_id, witnessed_by, movement_id)
                values (?, ?, ?)""").params(destructionId, witness.username(), movement).update();
        events.publishEvent(new StockAdjusted(lot.id(), lot.itemId(), "DESTROYED",
                StockRecords.plain(destruction.quantity().negate()), destruction.reason(), destruction.destroyedBy()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("lotId", lot.id().toString());
        details.put("destroyedBy", destruction.destroyedBy());
        details.put("quantity", destruction.quantity().toPlainString());
        events.publishEvent(new InventoryControlRecorded("controlled.destruction-witnessed", "destruction",
                destructionId.toString(), witness.username(), details));
        return view(destructionId);
    }

    @Transactional(readOnly = true)
    Optional<View> view(Actor actor, UUID id) {
        permissions.require(actor, Action.VIEW_STOCK);
        return view(id);
    }

    private Optional<View> view(UUID id) {
        return jdbc.sql("""
                select d.id, d.lot_id, d.quantity, d.reason, d.method, d.destroyed_by, d.created_at, w.witnessed_by,
                       w.witnessed_at
                from controlled_destruction d left join controlled_destruction_witness w on w.destruction_id = d.id
                where d.id = ?""").param(id)
                .query((rs, row) -> new View(rs.getObject("id", UUID.class), rs.getObject("lot_id", UUID.class),
                        StockRecords.plain(rs.getBigDecimal("quantity")), rs.getString("reason"),
                        rs.getString("method"), rs.getString("destroyed_by"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getString("witnessed_by"),
                        rs.getObject("witnessed_at", OffsetDateTime.class)))
                .optional();
    }

    private int schedule(UUID itemId) {
        return jdbc.sql("select dea_schedule from inventory_item where id = ?").param(itemId).query(Integer.class)
                .single();
    }

    record Request(UUID lotId, BigDecimal quantity, String reason, String method) {
    }

    record Created(View destruction, boolean replayed) {
    }

    /** A destruction; {@code witnessedBy} is null until the second person witnesses it (stock still in the lot). */
    record View(UUID id, UUID lotId, BigDecimal quantity, String reason, String method, String destroyedBy,
            OffsetDateTime requestedAt, String witnessedBy, OffsetDateTime witnessedAt) {
    }
}
