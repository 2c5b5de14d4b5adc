package org.pestle.ordering;

import java.util.UUID;

/**
 * The moves of an order after payment, for the module that compounds, checks and hands it over. Each call
 * runs in the caller's transaction (so the order moves with the records that justify the move), asks the
 * order whether the move is allowed and raises the move's event.
 */
public interface OrderFulfillment {

    /**
     * Someone took the paid order into compounding (claimed the compounding task). On an order that is no
     * longer PAID (already compounding, sent back for rework) it changes nothing.
     */
    void compoundingStarted(UUID orderId);

    /**
     * Every line is compounded: lines COMPOUNDED, order FINAL_CHECK, {@link OrderCompounded}. A paid order
     * that nobody claimed passes through COMPOUNDING.
     *
     * @throws IllegalStateException when the order is not being compounded
     */
    void compounded(UUID orderId);

    /**
     * The final check sent the order back: lines APPROVED again, order COMPOUNDING,
     * {@link OrderSentBackToCompounding}.
     */
    void sentBackToCompounding(UUID orderId);

    /** The final check passed: lines CHECKED, order READY, {@link OrderReadyForPickup}. */
    void readyForPickup(UUID orderId);

    /** The order was handed over: lines DISPENSED, order PICKED_UP, {@link OrderPickedUp}. */
    void pickedUp(UUID orderId);

    /**
     * The order was handed to a carrier: lines SHIPPED, order SHIPPED, {@link OrderShipped}; the order's trail
     * records who (review action SHIPPED, code: the carrier).
     *
     * @param taskId the Camunda task that recorded it
     */
    void shipped(UUID orderId, String shippedBy, String carrierCode, String taskId);

    /**
     * The shipment was delivered: lines DISPENSED, order DELIVERED, {@link OrderDelivered} (for refills and
     * PDMP, a delivery counts as a dispense like a pickup).
     */
    void delivered(UUID orderId, String recordedBy, String taskId);

    /**
     * The ready order was never picked up: lines DESTROYED, order RETURNED with the coded reason,
     * {@link OrderReturnedToStock} (payments refunds it); the trail records the pharmacist (RETURNED_TO_STOCK).
     */
    void returnedToStock(UUID orderId, String pharmacist, String reasonCode, String taskId);
}
