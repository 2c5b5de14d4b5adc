package org.pestle.ordering.internal;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.ordering.CancellationReason;
import org.pestle.ordering.OrderStatus;
import org.pestle.ordering.OrderView;
import org.pestle.platform.ApiProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The order intake API. */
@RestController
@RequestMapping("/api/orders")
class OrderController {

    private final OrderSubmissions submissions;
    private final OrderQueries queries;
    private final OrderCancellations cancellations;

    OrderController(OrderSubmissions submissions, OrderQueries queries, OrderCancellations cancellations) {
        this.submissions = submissions;
        this.queries = queries;
        this.cancellations = cancellations;
    }

    /**
     * Submits an order. 201 with the order; with an Idempotency-Key already used for the same body,
     * the first order again (header {@code Idempotent-Replayed: true}).
     */
    @PostMapping
    ResponseEntity<OrderView> submit(@Valid @RequestBody NewOrder order,
            @RequestHeader(name = "Idempotency-Key", required = false)
            @Pattern(regexp = "[\\x21-\\x7E]{1,255}", message = "must be 1 to 255 visible ASCII characters")
            String idempotencyKey) {
        Actor actor = CurrentActor.require();
        Optional<String> key = Optional.ofNullable(idempotencyKey);
        OrderSubmissions.Submission submission;
        try {
            submission = submissions.submit(actor, order, key);
        } catch (DuplicateKeyException concurrentDuplicate) {
            // Another request with the same key committed first: answer with its order.
            submission = submissions.submit(actor, order, key);
        }
        OrderView view = queries.find(actor, submission.orderId()).orElseThrow();
        return ResponseEntity.created(URI.create("/api/orders/" + view.id()))
                .header("Idempotent-Replayed", String.valueOf(submission.replayed()))
                .body(view);
    }

    @GetMapping("/{id}")
    OrderView get(@PathVariable String id) {
        Actor actor = readerOfOrders();
        return parse(id).flatMap(orderId -> queries.open(actor, orderId, "API"))
                .orElseThrow(() -> ApiProblem.notFound("Order", id));
    }

    /**
     * Cancels the order with a coded reason; a paid order is refunded. 200 with the order; repeating
     * the call changes nothing.
     */
    @PostMapping("/{id}/cancel")
    OrderView cancel(@PathVariable String id, @Valid @RequestBody Cancellation cancellation) {
        Actor actor = CurrentActor.require();
        UUID orderId = parse(id).orElseThrow(() -> ApiProblem.notFound("Order", id));
        // A job of the order's process (a task being created) may commit between the cancellation's read of
        // the process and its delete: Camunda then refuses with an optimistic-locking error and the whole
        // transaction rolls back. The cancellation is idempotent, so it is simply tried again.
        for (int attempt = 1; ; attempt++) {
            try {
                cancellations.cancel(actor, orderId, cancellation.reason());
                break;
            } catch (org.camunda.bpm.engine.OptimisticLockingException
                    | org.springframework.dao.ConcurrencyFailureException e) {
                if (attempt == 3) {
                    throw e;
                }
            } catch (org.camunda.bpm.engine.ProcessEngineException e) {
                if (attempt == 3 || !deadlock(e)) {
                    throw e;
                }
            }
        }
        return queries.find(actor, orderId).orElseThrow(() -> ApiProblem.notFound("Order", id));
    }

    private static boolean deadlock(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && ("40P01".equals(sql.getSQLState())
                    || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The body of a cancellation: a reason code from {@link CancellationReason}. */
    record Cancellation(@NotNull CancellationReason reason) {
    }

    @GetMapping
    OrderQueries.OrderPage list(@RequestParam Optional<OrderStatus> status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return queries.list(readerOfOrders(), status, page, size);
    }

    /**
     * Orders are read by those who order, verify, care for patients, cancel or refund; operators work
     * from identifiers in Cockpit.
     */
    private Actor readerOfOrders() {
        Actor actor = CurrentActor.require();
        if (!queries.readsOrders(actor)) {
            throw new ApiProblem(org.springframework.http.HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "Your role does not read orders", java.util.List.of());
        }
        return actor;
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

}
