package org.pestle.ordering;

import java.util.UUID;

/**
 * A pharmacist's final check sent the order back to compounding (the reason and what became of its lots are in the dispensing records).
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the ordering clinic
 * @param patientId the patient the order is for
 */
public record OrderSentBackToCompounding(UUID orderId, long orderNumber, UUID organizationId, UUID clinicId, UUID patientId) {
}
