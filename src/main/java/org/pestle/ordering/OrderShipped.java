package org.pestle.ordering;

import java.util.UUID;

/**
 * The ready order was handed to a carrier instead of being picked up (carrier and tracking number are in the
 * dispensing records). Published in the shipping transaction.
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the ordering clinic
 * @param patientId the patient the order is for
 */
public record OrderShipped(UUID orderId, long orderNumber, UUID organizationId, UUID clinicId, UUID patientId) {
}
