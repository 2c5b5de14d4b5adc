package org.pestle.dispensing;

import java.util.List;
import java.util.UUID;

/**
 * A pharmacist's final check sent an order's preparations back to compounding.
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the clinic
 * @param patientId the patient
 * @param checkedBy username of the pharmacist
 * @param reason why
 * @param disposition what became of the lots used
 * @param compoundingRecordIds the compounding records sent back
 */
public record PreparationsSentBack(UUID orderId, long orderNumber, UUID organizationId, UUID clinicId,
        UUID patientId, String checkedBy, SendBackReason reason, LotDisposition disposition,
        List<UUID> compoundingRecordIds) {
}
