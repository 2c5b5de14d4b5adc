package org.pestle.ordering;

import java.util.Optional;
import java.util.UUID;

/**
 * Refill orders: a new order for one line of a prescription, linked to it, that goes through eligibility,
 * verification, payment and fulfillment like any order. Called from background work in the system data scope.
 */
public interface RefillOrders {

    /**
     * Places the refill in the caller's transaction: a one-line order for the patient, clinic and prescriber of the
     * prescription, with the dispensed line's compound, quantity, days supply and directions and the refills left
     * after this one as its authorized refills, and starts its fulfillment. Placing the same refill (prescription,
     * line, refill number) again places nothing and answers the first order.
     *
     * @throws IllegalArgumentException when the dispensed order or line does not exist
     */
    Placed place(Refill refill);

    /** The prescription an order refills, if it is a refill order. */
    Optional<RefillOf> refillOf(UUID orderId);

    /**
     * A refill to place.
     *
     * @param prescriptionOrderId the prescription's first order
     * @param prescriptionLine its 1-based line
     * @param dispensedOrderId the order whose fill runs out (the prescription's or an earlier refill)
     * @param dispensedLine its 1-based line
     * @param refillNumber 1 for the first refill
     * @param refillsLeftAfter refills left once this one is filled
     * @param requestedBy who asked, recorded as the order's submitter, e.g. {@code patient:sms}
     */
    record Refill(UUID prescriptionOrderId, int prescriptionLine, UUID dispensedOrderId, int dispensedLine,
            int refillNumber, int refillsLeftAfter, String requestedBy) {
    }

    /**
     * @param orderId the refill order
     * @param orderNumber its number
     * @param replayed true when an earlier call placed it
     */
    record Placed(UUID orderId, long orderNumber, boolean replayed) {
    }

    /**
     * @param prescriptionOrderId the prescription's first order
     * @param prescriptionLine its line
     * @param refillNumber which refill the order is
     */
    record RefillOf(UUID prescriptionOrderId, int prescriptionLine, int refillNumber) {
    }
}
