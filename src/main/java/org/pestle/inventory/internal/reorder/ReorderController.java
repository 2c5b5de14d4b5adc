package org.pestle.inventory.internal.reorder;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.constraints.Pattern;

import org.pestle.identity.CurrentActor;
import org.pestle.platform.ApiProblem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Par levels, the reorder list and purchase orders for pharmacy staff. */
@RestController
@Validated
@RequestMapping("/api/inventory")
class ReorderController {

    private final PurchaseOrders orders;

    ReorderController(PurchaseOrders orders) {
        this.orders = orders;
    }

    @PutMapping("/items/{id}/par-level")
    PurchaseOrders.ParLevel setParLevel(@PathVariable String id, @RequestBody PurchaseOrders.ParLevelRequest request) {
        return orders.setParLevel(CurrentActor.require(), uuid(id).orElseThrow(() ->
                ApiProblem.notFound("Inventory item", id)), request);
    }

    @GetMapping("/items/{id}/par-level/suggestion")
    PurchaseOrders.Suggestion suggestion(@PathVariable String id) {
        return orders.suggest(CurrentActor.require(), uuid(id).orElseThrow(() ->
                ApiProblem.notFound("Inventory item", id)));
    }

    @GetMapping("/reorder-list")
    Map<String, List<PurchaseOrders.ReorderLine>> reorderList() {
        return Map.of("lines", orders.reorderList(CurrentActor.require()));
    }

    @GetMapping("/purchase-orders")
    Map<String, List<PurchaseOrders.Order>> list() {
        return Map.of("orders", orders.list(CurrentActor.require()));
    }

    @PostMapping("/purchase-orders")
    ResponseEntity<PurchaseOrders.Order> create(@RequestBody PurchaseOrders.NewOrder order,
            @RequestHeader(name = "Idempotency-Key", required = false) @Pattern(regexp = "[\\x21-\\x7E]{1,255}")
            String key) {
        PurchaseOrders.Created created = orders.create(CurrentActor.require(), order, Optional.ofNullable(key));
        return ResponseEntity.created(URI.create("/api/inventory/purchase-orders/" + created.order().id()))
                .header("Idempotent-Replayed", String.valueOf(created.replayed())).body(created.order());
    }

    @GetMapping("/purchase-orders/{id}")
    PurchaseOrders.Order order(@PathVariable String id) {
        return uuid(id).flatMap(o -> orders.view(CurrentActor.require(), o))
                .orElseThrow(() -> ApiProblem.notFound("Purchase order", id));
    }

    @GetMapping(value = "/purchase-orders/{id}/csv", produces = "text/csv")
    ResponseEntity<String> csv(@PathVariable String id) {
        String csv = uuid(id).flatMap(o -> orders.csv(CurrentActor.require(), o))
                .orElseThrow(() -> ApiProblem.notFound("Purchase order", id));
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"purchase-order-" + id + ".csv\"").body(csv);
    }

    @PostMapping("/purchase-orders/{id}/receipts")
    PurchaseOrders.Order receive(@PathVariable String id, @RequestBody PurchaseOrders.Delivery delivery) {
        return uuid(id).flatMap(o -> orders.receive(CurrentActor.require(), o, delivery))
                .orElseThrow(() -> ApiProblem.notFound("Purchase order", id));
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
