package org.pestle.inventory.internal.controlled;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.constraints.Pattern;

import org.pestle.identity.CurrentActor;
import org.pestle.platform.ApiProblem;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The controlled-substance record for pharmacy staff: the perpetual inventory, reconciliations, the
 * biennial inventory, witnessed destruction. Every POST that creates something takes an Idempotency-Key.
 */
@RestController
@Validated
@RequestMapping("/api/inventory/controlled")
class ControlledController {

    private static final String KEY = "[\\x21-\\x7E]{1,255}";

    private final PerpetualInventory perpetual;
    private final Reconciliations reconciliations;
    private final BiennialInventories biennial;
    private final WitnessedDestructions destructions;

    ControlledController(PerpetualInventory perpetual, Reconciliations reconciliations, BiennialInventories biennial,
            WitnessedDestructions destructions) {
        this.perpetual = perpetual;
        this.reconciliations = reconciliations;
        this.biennial = biennial;
        this.destructions = destructions;
    }

    @GetMapping("/items/{id}/record")
    PerpetualInventory.Record record(@PathVariable String id) {
        return uuid(id).flatMap(itemId -> perpetual.record(CurrentActor.require(), itemId))
                .orElseThrow(() -> ApiProblem.notFound("Inventory item", id));
    }

    @GetMapping("/items/{id}/reconciliations")
    Map<String, List<Reconciliations.View>> reconciliations(@PathVariable String id) {
        return Map.of("reconciliations", uuid(id).map(itemId -> reconciliations.ofItem(CurrentActor.require(), itemId))
                .orElseThrow(() -> ApiProblem.notFound("Inventory item", id)));
    }

    /** A reconciliation of one controlled item against the count entered: 201, and a variance opens a task. */
    @PostMapping("/reconciliations")
    ResponseEntity<Reconciliations.View> reconcile(@RequestBody Count count,
            @RequestHeader(name = "Idempotency-Key", required = false) @Pattern(regexp = KEY) String key) {
        if (count.itemId() == null) {
            throw ApiProblem.invalidField("itemId", "is required");
        }
        Reconciliations.Created created = reconciliations.reconcile(CurrentActor.require(), count.itemId(),
                count.counted(), Optional.ofNullable(key));
        return ResponseEntity.created(URI.create("/api/inventory/controlled/reconciliations/"
                + created.reconciliation().id())).header("Idempotent-Replayed", String.valueOf(created.replayed()))
                .body(created.reconciliation());
    }

    @GetMapping("/reconciliations/{id}")
    Reconciliations.View reconciliation(@PathVariable String id) {
        return uuid(id).flatMap(r -> reconciliations.view(CurrentActor.require(), r))
                .orElseThrow(() -> ApiProblem.notFound("Reconciliation", id));
    }

    @GetMapping("/biennial-inventories/sheet")
    Map<String, List<BiennialInventories.SheetLine>> sheet() {
        return Map.of("lines", biennial.sheet(CurrentActor.require()));
    }

    @PostMapping("/biennial-inventories")
    ResponseEntity<BiennialInventories.View> takeBiennial(@RequestBody BiennialInventories.Count count,
            @RequestHeader(name = "Idempotency-Key", required = false) @Pattern(regexp = KEY) String key) {
        BiennialInventories.Created created = biennial.take(CurrentActor.require(), count, Optional.ofNullable(key));
        return ResponseEntity.created(URI.create("/api/inventory/controlled/biennial-inventories/"
                + created.inventory().id())).header("Idempotent-Replayed", String.valueOf(created.replayed()))
                .body(created.inventory());
    }

    @GetMapping("/biennial-inventories/{id}")
    BiennialInventories.View biennialInventory(@PathVariable String id) {
        return uuid(id).flatMap(b -> biennial.view(CurrentActor.require(), b))
                .orElseThrow(() -> ApiProblem.notFound("Biennial inventory", id));
    }

    @PostMapping("/destructions")
    ResponseEntity<WitnessedDestructions.View> requestDestruction(@RequestBody WitnessedDestructions.Request request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Pattern(regexp = KEY) String key) {
        if (request.lotId() == null) {
            throw ApiProblem.invalidField("lotId", "is required");
        }
        WitnessedDestructions.Created created = destructions.request(CurrentActor.require(), request,
                Optional.ofNullable(key));
        return ResponseEntity.created(URI.create("/api/inventory/controlled/destructions/"
                + created.destruction().id())).header("Idempotent-Replayed", String.valueOf(created.replayed()))
                .body(created.destruction());
    }

    @PostMapping("/destructions/{id}/witness")
    WitnessedDestructions.View witness(@PathVariable String id) {
        return uuid(id).flatMap(d -> destructions.witness(CurrentActor.require(), d))
                .orElseThrow(() -> ApiProblem.notFound("Destruction", id));
    }

    @GetMapping("/destructions/{id}")
    WitnessedDestructions.View destruction(@PathVariable String id) {
        return uuid(id).flatMap(d -> destructions.view(CurrentActor.require(), d))
                .orElseThrow(() -> ApiProblem.notFound("Destruction", id));
    }

    record Count(UUID itemId, BigDecimal counted) {
    }

    static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
