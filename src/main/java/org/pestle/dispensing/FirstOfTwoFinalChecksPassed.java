package org.pestle.dispensing;

import java.util.UUID;

/**
 * The first of two pharmacists checked an order's preparations (decisions/verification-level.dmn asks for a
 * second): nothing is released until another pharmacist's final check ({@link FinalCheckPassed}).
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the clinic
 * @param patientId the patient
 * @param checkedBy username of the first pharmacist
 */
public record FirstOfTwoFinalChecksPassed(UUID orderId, long orderNumber, UUID organizationId, UUID clinicId,
        UUID patientId, String checkedBy) {
}
