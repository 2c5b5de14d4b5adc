package org.pestle.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as the API and console show it: identifiers, codes and statuses (patient details stay
 * in the patients module).
 *
 * @param id order id
 * @param orderNumber human-friendly number, also the process business key
 * @param clinicId ordering clinic
 * @param patientId patient
 * @param prescriberId prescriber
 * @param status where the order stands
 * @param statusReason why it was rejected, if it was
 * @param eligibility outcome of the eligibility check (accept, review, reject) once checked
 * @param submittedBy username of the submitter
 * @param createdAt when it was submitted
 * @param updatedAt when it last changed
 * @param totalCents the order's price in cents; null where the permission matrix hides prices from the viewer
 * @param lines the lines
 * @param reviews the pharmacist's and prescriber's recorded decisions, and the shipment, delivery or return to
 *        stock with who recorded it, oldest first
 */
public record OrderView(UUID id, long orderNumber, UUID clinicId, UUID patientId, UUID prescriberId,
        OrderStatus status, String statusReason, String eligibility, String submittedBy, Instant createdAt,
        Instant updatedAt, Long totalCents, List<Line> lines, List<Review> reviews) {

    /**
     * One line.
     *
     * @param lineNumber 1-based position on the order
     * @param compoundId compound
     * @param compoundCode its catalog code
     * @param compoundName its name
     * @param quantity quantity in the compound's unit
     * @param unit the unit
     * @param daysSupply days the quantity lasts
     * @param sig directions for use
     * @param refillsAuthorized refills the prescriber authorized
     * @param status where the line stands
     * @param eligibilityReason the rule's reason, once checked
     * @param priceCents the line's price in cents; null where the permission matrix hides prices
     */
    public record Line(int lineNumber, UUID compoundId, String compoundCode, String compoundName,
            BigDecimal quantity, String unit, int daysSupply, String sig, int refillsAuthorized, LineStatus status,
            String eligibilityReason, Long priceCents) {
    }

    /**
     * A recorded decision.
     *
     * @param action APPROVED, REJECTED, CLARIFICATION_REQUESTED, CLARIFICATION_ANSWERED,
     *        SECOND_APPROVED or SECOND_REJECTED (the second pharmacist's decision), SHIPPED (code: the carrier),
     *        DELIVERED, RETURNED_TO_STOCK (code: the reason)
     * @param code the coded reason, question or answer
     * @param actor username
     * @param at when
     */
    public record Review(String action, String code, String actor, Instant at) {
    }
}
