package org.pestle.ordering.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.pestle.ordering.LineStatus;
import org.pestle.ordering.OrderStatus;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** An order and its lines: one aggregate, saved and versioned as a whole. */
@Table("orders")
class PharmacyOrder {

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

    /** Moves the order on; only the transitions of {@link OrderStatus#canMoveTo} are allowed. */
    void moveTo(OrderStatus next) {
        if (status == next) {
            return;
        }
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("Order " + orderNumber + " cannot move from " + status + " to " + next);
        }
        status = next;
        if (next == OrderStatus.AWAITING_PAYMENT) {
            lines.replaceAll(line -> line.withStatus(LineStatus.APPROVED));
        } else if (next == OrderStatus.REJECTED) {
            lines.replaceAll(line -> line.status() == LineStatus.INELIGIBLE ? line : line.withStatus(LineStatus.REJECTED));
        }
        updatedAt = Instant.now();
    }

    /** Records the eligibility outcome of each line and of the order. */
    void recordEligibility(List<LineEligibility> outcomes, String orderOutcome, String reason) {
        for (int i = 0; i < lines.size(); i++) {
            LineEligibility outcome = outcomes.get(i);
            lines.set(i, lines.get(i).withEligibility(outcome.outcome(), outcome.reason()));
        }
        eligibility = orderOutcome;
        if (reason != null) {
            statusReason = reason;
        }
        updatedAt = Instant.now();
    }

    /** Ends the order with a coded cancellation reason. */
    void cancel(String reasonCode) {
        moveTo(OrderStatus.CANCELLED);
        statusReason = "Cancelled: " + reasonCode;
    }

    void recordRejection(String reason) {
        statusReason = reason;
        updatedAt = Instant.now();
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
    record LineEligibility(String outcome, String reason) {
    }
}
