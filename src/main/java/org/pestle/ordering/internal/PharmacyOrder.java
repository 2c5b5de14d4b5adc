package org.pestle.ordering.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.pestle.ordering.CancellationReason;
import org.pestle.ordering.EligibilityOutcome;
import org.pestle.ordering.LineStatus;
import org.pestle.ordering.OrderApproved;
import org.pestle.ordering.OrderCancelled;
import org.pestle.ordering.OrderCompounded;
import org.pestle.ordering.OrderDelivered;
import org.pestle.ordering.OrderReturnedToStock;
import org.pestle.ordering.OrderShipped;
import org.pestle.ordering.OrderPaid;
import org.pestle.ordering.OrderPickedUp;
import org.pestle.ordering.OrderReadyForPickup;
import org.pestle.ordering.OrderSentBackToCompounding;
import org.pestle.ordering.OrderRejected;
import org.pestle.ordering.OrderFirstVerified;
import org.pestle.ordering.OrderStatus;
import org.pestle.ordering.internal.ReviewCodes.RejectionReason;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An order and its lines: one aggregate, saved and versioned as a whole. It alone decides where the order
 * goes next: every status change is one of its methods, which checks the move against
 * {@link OrderStatus#canMoveTo} and raises the past-tense event of what happened ({@link OrderApproved},
 * {@link OrderRejected}, {@link OrderPaid}, {@link OrderCompounded}, {@link OrderSentBackToCompounding},
 * {@link OrderReadyForPickup}, {@link OrderPickedUp}, {@link OrderShipped}, {@link OrderDelivered},
 * {@link OrderReturnedToStock}, {@link OrderCancelled}), published when the order is saved,
 * in the same transaction. BPMN listeners and services only call these methods.
 */
@Table("orders")
class PharmacyOrder extends AbstractAggregateRoot<PharmacyOrder> {

    @Id
    private final UUID id;
    private final long orderNumber;
    private final UUID organizationId;
    private final UUID clinicId;
    private final UUID patientId;
    private final UUID prescriberId;
    private OrderStatus status;
    private String statusReason;
    private String eligibility;
    private final String submittedBy;
    private final Instant createdAt;
    private Instant updatedAt;
    @Version
    private Long version;
    @MappedCollection(idColumn = "order_id", keyColumn = "line_index")
    private final List<OrderLine> lines;

    PharmacyOrder(UUID id, long orderNumber, UUID organizationId, UUID clinicId, UUID patientId, UUID prescriberId,
            OrderStatus status, String statusReason, String eligibility, String submittedBy, Instant createdAt,
            Instant updatedAt, Long version, List<OrderLine> lines) {
        this.id = id;
        this.orderNumber = orderNumber;
        this.organizationId = organizationId;
        this.clinicId = clinicId;
        this.patientId = patientId;
        this.prescriberId = prescriberId;
        this.status = status;
        this.statusReason = statusReason;
        this.eligibility = eligibility;
        this.submittedBy = submittedBy;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.version = version;
        this.lines = new ArrayList<>(lines);
    }

    static PharmacyOrder submit(long orderNumber, UUID organizationId, UUID clinicId, UUID patientId,
            UUID prescriberId, String submittedBy, List<OrderLine> lines) {
        Instant now = Instant.now();
        return new PharmacyOrder(UUID.randomUUID(), orderNumber, organizationId, clinicId, patientId, prescriberId,
                OrderStatus.SUBMITTED, null, null, submittedBy, now, now, null, lines);
    }

    /**
     * Records each line's eligibility. The order's outcome is its worst line: a rejected line ends the order
     * REJECTED with that line's reason; otherwise it goes to the pharmacist (IN_REVIEW).
     */
    EligibilityOutcome recordEligibility(List<LineEligibility> outcomes) {
        EligibilityOutcome worst = EligibilityOutcome.ACCEPT;
        String rejection = null;
        for (int i = 0; i < lines.size(); i++) {
            LineEligibility outcome = outcomes.get(i);
            lines.set(i, lines.get(i).withEligibility(outcome.outcome(), outcome.reason()));
            worst = worst.worse(outcome.outcome());
            if (outcome.outcome() == EligibilityOutcome.REJECT && rejection == null) {
                rejection = "Line " + (i + 1) + ": " + outcome.reason();
            }
        }
        eligibility = worst.code();
        if (worst == EligibilityOutcome.REJECT) {
            reject(rejection);
        } else {
            moveTo(OrderStatus.IN_REVIEW);
        }
        return worst;
    }

    /** A pharmacist approved the order: every line is approved, and it waits for payment. */
    void approve() {
        if (moveTo(OrderStatus.AWAITING_PAYMENT)) {
            lines.replaceAll(line -> line.withStatus(LineStatus.APPROVED));
            registerEvent(new OrderApproved(id, orderNumber, organizationId, clinicId, patientId));
        }
    }

    /**
     * The first of two pharmacists approved the order (decisions/verification-level.dmn asks for a second):
     * it stays IN_REVIEW, because it is still under review, until the second pharmacist's {@link #approve()}
     * or rejection. No new status: who approved first is in the review trail, and the process waits in
     * Task_SecondVerification.
     */
    void firstOfTwoApproved() {
        if (status != OrderStatus.IN_REVIEW) {
            throw new IllegalStateException("Order " + orderNumber + " is not in review but " + status);
        }
        registerEvent(new OrderFirstVerified(id, orderNumber, organizationId, clinicId, patientId));
    }

    /** A pharmacist rejected the order, with a coded reason. */
    void rejectByPharmacist(RejectionReason reason) {
        reject("Rejected by pharmacist: " + reason.name());
    }

    /** The pharmacist asked the prescriber a question; the order waits for the answer. */
    void askPrescriber() {
        moveTo(OrderStatus.CLARIFICATION_REQUESTED);
    }

    /** The prescriber answered; the order is back in the pharmacist's queue. */
    void clarificationAnswered() {
        moveTo(OrderStatus.IN_REVIEW);
    }

    /** The payment settled. */
    void markPaid() {
        if (moveTo(OrderStatus.PAID)) {
            registerEvent(new OrderPaid(id, orderNumber, organizationId, clinicId, patientId));
        }
    }

    /** Someone took the paid order into compounding; nothing happens when it is already being compounded. */
    void startCompounding() {
        moveTo(OrderStatus.COMPOUNDING);
    }

    /**
     * Every line is compounded and waits for the final check. A paid order nobody claimed passes through
     * COMPOUNDING on the way.
     */
    void compounded() {
        if (status == OrderStatus.PAID) {
            moveTo(OrderStatus.COMPOUNDING);
        }
        if (moveTo(OrderStatus.FINAL_CHECK)) {
            lines.replaceAll(line -> line.withStatus(LineStatus.COMPOUNDED));
            registerEvent(new OrderCompounded(id, orderNumber, organizationId, clinicId, patientId));
        }
    }

    /** The final check sent the order back: its lines are to be compounded again. */
    void sendBackToCompounding() {
        if (status != OrderStatus.FINAL_CHECK) {
            throw new IllegalStateException("Order " + orderNumber + " is not in its final check but " + status);
        }
        moveTo(OrderStatus.COMPOUNDING);
        lines.replaceAll(line -> line.withStatus(LineStatus.APPROVED));
        registerEvent(new OrderSentBackToCompounding(id, orderNumber, organizationId, clinicId, patientId));
    }

    /** The final check passed: the order waits to be picked up. */
    void readyForPickup() {
        if (moveTo(OrderStatus.READY)) {
            lines.replaceAll(line -> line.withStatus(LineStatus.CHECKED));
            registerEvent(new OrderReadyForPickup(id, orderNumber, organizationId, clinicId, patientId));
        }
    }

    /** The order was handed over. */
    void pickedUp() {
        if (moveTo(OrderStatus.PICKED_UP)) {
            lines.replaceAll(line -> line.withStatus(LineStatus.DISPENSED));
            registerEvent(new OrderPickedUp(id, orderNumber, organizationId, clinicId, patientId));
        }
    }

    /** The ready order was handed to a carrier. */
    void shipped() {
        if (moveTo(OrderStatus.SHIPPED)) {
            lines.replaceAll(line -> line.withStatus(LineStatus.SHIPPED));
            registerEvent(new OrderShipped(id, orderNumber, organizationId, clinicId, patientId));
        }
    }

    /** The shipment reached the patient: the order is dispensed, as at a pickup. */
    void delivered() {
        if (moveTo(OrderStatus.DELIVERED)) {
            lines.replaceAll(line -> line.withStatus(LineStatus.DISPENSED));
            registerEvent(new OrderDelivered(id, orderNumber, organizationId, clinicId, patientId));
        }
    }

    /**
     * The ready order was not picked up by the return-to-stock day: it ends RETURNED with the coded reason, its
     * lines DESTROYED (a compounded preparation never goes back to stock).
     */
    void returnedToStock(String reasonCode) {
        if (reasonCode == null || !reasonCode.matches("[A-Z_]{1,40}")) {
            throw new IllegalArgumentException("A return to stock has a coded reason");
        }
        if (moveTo(OrderStatus.RETURNED)) {
            statusReason = "Returned to stock: " + reasonCode;
            lines.replaceAll(line -> line.withStatus(LineStatus.DESTROYED));
            registerEvent(new OrderReturnedToStock(id, orderNumber, organizationId, clinicId, patientId, reasonCode));
        }
    }

    /** Ends the order with a coded reason; a cancelled order stays as it was. */
    void cancel(CancellationReason reason) {
        OrderStatus previous = status;
        if (moveTo(OrderStatus.CANCELLED)) {
            statusReason = "Cancelled: " + reason.name();
            registerEvent(new OrderCancelled(id, orderNumber, organizationId, clinicId, patientId, reason, previous));
        }
    }

    private void reject(String reason) {
        if (moveTo(OrderStatus.REJECTED)) {
            statusReason = reason;
            lines.replaceAll(line -> line.status() == LineStatus.INELIGIBLE ? line : line.withStatus(LineStatus.REJECTED));
            registerEvent(new OrderRejected(id, orderNumber, organizationId, clinicId, patientId, reason));
        }
    }

    /** The one place an order's status changes: only the transitions of {@link OrderStatus#canMoveTo}. */
    private boolean moveTo(OrderStatus next) {
        if (status == next) {
            return false;
        }
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("Order " + orderNumber + " cannot move from " + status + " to " + next);
        }
        status = next;
        updatedAt = Instant.now();
        return true;
    }

    UUID id() {
        return id;
    }

    long orderNumber() {
        return orderNumber;
    }

    UUID organizationId() {
        return organizationId;
    }

    UUID clinicId() {
        return clinicId;
    }

    UUID patientId() {
        return patientId;
    }

    UUID prescriberId() {
        return prescriberId;
    }

    OrderStatus status() {
        return status;
    }

    String statusReason() {
        return statusReason;
    }

    String eligibility() {
        return eligibility;
    }

    String submittedBy() {
        return submittedBy;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    List<OrderLine> lines() {
        return List.copyOf(lines);
    }

    /** The eligibility outcome of one line. */
    record LineEligibility(EligibilityOutcome outcome, String reason) {
    }
}
