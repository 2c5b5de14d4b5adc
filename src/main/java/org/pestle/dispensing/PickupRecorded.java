package org.pestle.dispensing;

import java.util.List;
import java.util.UUID;

/**
 * Pharmacy staff handed a ready order over and recorded who took it.
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the clinic
 * @param patientId the patient
 * @param recordedBy username of the staff member
 * @param pickedUpBy who took it
 * @param idDocument the identity document checked, or null when none was (no controlled substance)
 * @param dispenseIds the dispense records handed over
 */
public record PickupRecorded(UUID orderId, long orderNumber, UUID organizationId, UUID clinicId, UUID patientId,
        String recordedBy, PickedUpBy pickedUpBy, IdDocument idDocument, List<UUID> dispenseIds) {
}
