package org.pestle.dispensing;

import java.util.List;
import java.util.UUID;

/**
 * A pharmacist checked an order's preparations and released them; its dispense records are written.
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the clinic
 * @param patientId the patient
 * @param checkedBy username of the pharmacist
 * @param dispenseIds the dispense records written, by line
 */
public record FinalCheckPassed(UUID orderId, long orderNumber, UUID organizationId, UUID clinicId, UUID patientId,
        String checkedBy, List<UUID> dispenseIds) {
}
