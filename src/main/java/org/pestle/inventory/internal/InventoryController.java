package org.pestle.inventory.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.inventory.internal.InventoryRequests.Adjustment;
import org.pestle.inventory.internal.InventoryRequests.Destruction;
import org.pestle.inventory.internal.InventoryRequests.NewItem;
import org.pestle.inventory.internal.InventoryRequests.Quarantine;
import org.pestle.inventory.internal.InventoryRequests.Receipt;
import org.pestle.inventory.internal.StockLedger.ItemView;
import org.pestle.inventory.internal.StockLedger.LotView;
import org.pestle.inventory.internal.StockLedger.MovementView;
import org.pestle.platform.ApiProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The inventory API for pharmacy staff: items, receipts, lots and their ledger, corrections, quarantine, destruction. */
@RestController
@RequestMapping("/api/inventory")
class InventoryController {

    private final StockLedger ledger;

    InventoryController(StockLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/items")
    Map<String, List<ItemView>> items() {
        return Map.of("items", ledger.items(CurrentActor.require()));
    }

    @GetMapping("/items/{id}")
    ItemView item(@PathVariable String id) {
        return parse(id).flatMap(itemId -> ledger.item(CurrentActor.require(), itemId))
                .orElseThrow(() -> ApiProblem.notFound("Inventory item", id));
    }

    @PostMapping("/items")
    ResponseEntity<ItemView> createItem(@Valid @RequestBody NewItem item) {
        ItemView created = ledger.createItem(CurrentActor.require(), item);
        return ResponseEntity.created(URI.create("/api/inventory/items/" + created.id())).body(created);
    }

    /**
     * Receives a delivery into a lot. 201 with the lot; with an Idempotency-Key this user already sent
     * with the same receipt, the lot again and nothing received twice (header {@code Idempotent-Replayed: true}).
     */
    @PostMapping("/receipts")
    ResponseEntity<LotView> receive(@Valid @RequestBody Receipt receipt,
            @RequestHeader(name = "Idempotency-Key", required = false)
            @Pattern(regexp = "[\\x21-\\x7E]{1,255}", message = "must be 1 to 255 visible ASCII characters")
            String idempotencyKey) {
        Actor actor = CurrentActor.require();
        Optional<String> key = Optional.ofNullable(idempotencyKey);
        StockLedger.Received received;
        try {
            received = ledger.receive(actor, receipt, key);
        } catch (DuplicateKeyException concurrentDuplicate) {
            // another request with the same key committed first: answer with its lot
            received = ledger.receive(actor, receipt, key);
        }
        return ResponseEntity.created(URI.create("/api/inventory/lots/" + received.lot().id() + "/movements"))
                .header("Idempotent-Replayed", String.valueOf(received.replayed())).body(received.lot());
    }

    @GetMapping("/lots/{id}/movements")
    Map<String, List<MovementView>> movements(@PathVariable String id) {
        return Map.of("movements", parse(id).flatMap(lotId -> ledger.movements(CurrentActor.require(), lotId))
                .orElseThrow(() -> ApiProblem.notFound("Lot", id)));
    }

    @PostMapping("/lots/{id}/adjustments")
    LotView adjust(@PathVariable String id, @Valid @RequestBody Adjustment adjustment) {
        return parse(id).flatMap(lotId -> ledger.adjust(CurrentActor.require(), lotId, adjustment))
                .orElseThrow(() -> ApiProblem.notFound("Lot", id));
    }

    @PostMapping("/lots/{id}/quarantine")
    LotView quarantine(@PathVariable String id, @Valid @RequestBody Quarantine quarantine) {
        return parse(id).flatMap(lotId -> ledger.quarantine(CurrentActor.require(), lotId, quarantine))
                .orElseThrow(() -> ApiProblem.notFound("Lot", id));
    }

    @PostMapping("/lots/{id}/destructions")
    LotView destroy(@PathVariable String id, @Valid @RequestBody Destruction destruction) {
        return parse(id).flatMap(lotId -> ledger.destroy(CurrentActor.require(), lotId, destruction))
                .orElseThrow(() -> ApiProblem.notFound("Lot", id));
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
