package org.pestle.ordering;

import java.util.Optional;
import java.util.UUID;

import org.pestle.identity.Actor;

/** Reads orders on behalf of a user: only orders of clinics the user may access are found. */
public interface Orders {

    /**
     * Whether the actor's role reads orders at all: those who order, verify, care for patients,
     * cancel or refund do; operators, who work from identifiers in Cockpit, do not.
     */
    boolean readsOrders(Actor actor);

    /** The order, if it exists and the actor may see it. */
    Optional<OrderView> find(Actor actor, UUID orderId);

    /**
     * The order, as {@link #find} finds it, for a user who opens it to read it (the API's
     * {@code GET /api/orders/{id}}, the console's order page): the reading is recorded
     * ({@link OrderViewed}) in the same transaction.
     *
     * @param via where it is read: {@code API} or {@code CONSOLE}
     */
    Optional<OrderView> open(Actor actor, UUID orderId, String via);

    /**
     * The order, for background work that runs in the system scope (process jobs, schedulers);
     * never for a user's request.
     */
    Optional<OrderView> findForSystem(UUID orderId);

    /**
     * The newest orders the actor may see (clinic users: their clinics'), newest first, without patient
     * data: for the console's order list.
     *
     * @param limit at most this many (1 to 100)
     */
    java.util.List<Listed> latest(Actor actor, int limit);

    /**
     * An order in a list.
     *
     * @param id the order
     * @param orderNumber its number
     * @param clinicId its clinic
     * @param status where it stands
     * @param lineCount how many lines
     * @param createdAt when it was submitted
     * @param updatedAt when it last changed
     */
    record Listed(UUID id, long orderNumber, UUID clinicId, OrderStatus status, int lineCount,
            java.time.Instant createdAt, java.time.Instant updatedAt) {
    }

    /**
     * The orders of one patient, newest first, as the patient may see them (no prices, no review
     * trail). Call it inside a transaction in that patient's data scope.
     */
    java.util.List<PatientOrder> ofPatient(UUID patientId);

    /**
     * An order as its patient sees it.
     *
     * @param orderNumber the order's number
     * @param status where it stands
     * @param submittedAt when it was ordered
     * @param medications the compounds' names
     */
    record PatientOrder(long orderNumber, OrderStatus status, java.time.Instant submittedAt,
            java.util.List<String> medications) {
    }
}
