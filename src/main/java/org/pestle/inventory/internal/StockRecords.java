package org.pestle.inventory.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.pestle.identity.Actor;
import org.pestle.inventory.StockLot;
import org.pestle.platform.ApiProblem;
import org.pestle.platform.ApiProblem.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the rooms of inventory control (expiry, reorder, returns, controlled) share with the ledger: the
 * pharmacy's date, lots read and locked with their quantity on hand, ledger movements, receipts, and the
 * Idempotency-Key record of a POST that creates something. Internal to the inventory module.
 */
@Component
public class StockRecords {

    private final LotRows lots;
    private final StockLedger ledger;
    private final JdbcClient jdbc;

    StockRecords(LotRows lots, StockLedger ledger, JdbcClient jdbc) {
        this.lots = lots;
        this.ledger = ledger;
        this.jdbc = jdbc;
    }

    /** The pharmacy's date today. */
    public LocalDate today() {
        return lots.today();
    }

    public Optional<StockLot> lot(UUID lotId) {
        return lots.byIds(List.of(lotId)).stream().findFirst();
    }

    /** Locks the lots for the rest of the transaction and reads them under the lock. */
    public List<StockLot> lock(Collection<UUID> lotIds) {
        return lotIds.isEmpty() ? List.of() : lots.lock(lotIds);
    }

    public List<StockLot> lotsOfItem(UUID itemId) {
        return lots.ofItem(itemId);
    }

    /** Appends a movement to the ledger and answers its id. */
    public long insertMovement(UUID lotId, String kind, BigDecimal quantity, String reason, String note,
            String reference, String actor) {
        return jdbc.sql("""
                insert into stock_movement (lot_id, kind, quantity, reason, note, reference, actor)
                values (?, ?, ?, ?, ?, ?, ?) returning id""").params(lotId, kind, quantity, reason, note, reference,
                actor).query(Long.class).single();
    }

    /**
     * Receives a delivery line as {@code POST /api/inventory/receipts} does, with all its checks (the DEA 222
     * or CSOS number for Schedule II, the supplier's DEA number for controlled items), and answers the lot.
     */
    public UUID receive(Actor actor, UUID itemId, String lotNumber, LocalDate expiresOn, String supplier,
            BigDecimal quantity, String deaOrderNumber, String supplierDeaNumber) {
        return ledger.receive(actor, new InventoryRequests.Receipt(itemId, lotNumber, expiresOn, supplier, null,
                quantity, deaOrderNumber, supplierDeaNumber), Optional.empty()).lot().id();
    }

    /**
     * Creates something once per Idempotency-Key: with a key this user already sent for the same kind, the
     * first request's entity is answered (and a different request under that key refused); otherwise the
     * entity is created and the key recorded in the same transaction.
     *
     * @return the entity id and whether it was created earlier
     */
    public Created once(String username, String kind, Optional<String> key, String requestHash,
            Supplier<UUID> create) {
        if (key.isPresent()) {
            Optional<UUID> earlier = jdbc.sql("""
                    select entity_id, request_hash from inventory_submission
                    where submitted_by = ? and kind = ? and idempotency_key = ?""")
                    .params(username, kind, key.get()).query((rs, row) -> {
                        if (!rs.getString("request_hash").equals(requestHash)) {
                            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                                    "Idempotency-Key reused", "This Idempotency-Key was used for a different request",
                                    List.of(new FieldError("Idempotency-Key", "was used for a different request")));
                        }
                        return rs.getObject("entity_id", UUID.class);
                    }).optional();
            if (earlier.isPresent()) {
                return new Created(earlier.get(), true);
            }
        }
        UUID id = create.get();
        key.ifPresent(k -> jdbc.sql("""
                insert into inventory_submission (submitted_by, idempotency_key, kind, request_hash, entity_id)
                values (?, ?, ?, ?, ?)""").params(username, k, kind, requestHash, id).update());
        return new Created(id, false);
    }

    /** What {@link #once} created, and whether an earlier request did. */
    public record Created(UUID id, boolean replayed) {
    }

    /** A 400 problem naming one field. */
    public static ApiProblem invalid(String field, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "The request is not valid",
                "Invalid fields: " + field, List.of(new FieldError(field, message)));
    }

    /** Without trailing zeros and never in exponent form. */
    public static BigDecimal plain(BigDecimal value) {
        return LotRows.plain(value);
    }
}
