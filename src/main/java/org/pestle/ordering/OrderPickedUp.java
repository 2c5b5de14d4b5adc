package org.pestle.ordering;

import java.util.UUID;

/**
 * The order was handed over at the pharmacy (who picked it up is in the dispensing records).
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the ordering clinic
 * @param patientId the patient the order is for
 */
public record OrderPickedUp(UUID orderId, long orderNumber, UUID organizationId, UUID clinicId, UUID patientId) {
}
