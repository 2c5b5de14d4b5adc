package org.pestle.ordering;

import java.util.UUID;

/**
 * The order's every line is compounded, with its lots recorded; it waits for a pharmacist's final check.
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the ordering clinic
 * @param patientId the patient the order is for
 */
public record OrderCompounded(UUID orderId, long orderNumber, UUID organizationId, UUID clinicId, UUID patientId) {
}
