package org.pestle.ordering;

import java.util.UUID;

/**
 * The shipped order reached the patient: it is dispensed, exactly as a picked-up order is ({@link OrderPickedUp});
 * a refill schedule or a PDMP report treats both alike. Published in the transaction that records the delivery.
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the ordering clinic
 * @param patientId the patient the order is for
 */
public record OrderDelivered(UUID orderId, long orderNumber, UUID organizationId, UUID clinicId, UUID patientId) {
}
