package org.pestle.inventory.internal.returns;

import java.net.URI;
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

/** Returns to the wholesaler: started here, worked in Tasklist (processes/return-to-wholesaler.bpmn). */
@RestController
@Validated
@RequestMapping("/api/inventory/returns")
class ReturnsController {

    private final WholesalerReturns returns;

    ReturnsController(WholesalerReturns returns) {
        this.returns = returns;
    }

    @PostMapping
    ResponseEntity<WholesalerReturns.View> request(@RequestBody WholesalerReturns.Request request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Pattern(regexp = "[\\x21-\\x7E]{1,255}")
            String key) {
        WholesalerReturns.Created created = returns.request(CurrentActor.require(), request, Optional.ofNullable(key));
        return ResponseEntity.created(URI.create("/api/inventory/returns/" + created.ret().id()))
                .header("Idempotent-Replayed", String.valueOf(created.replayed())).body(created.ret());
    }

    @GetMapping("/{id}")
    WholesalerReturns.View view(@PathVariable String id) {
        Optional<UUID> returnId;
        try {
            returnId = Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            returnId = Optional.empty();
        }
        return returnId.flatMap(r -> returns.view(CurrentActor.require(), r))
                .orElseThrow(() -> ApiProblem.notFound("Return", id));
    }
}
