package org.pestle.dispensing;

import java.util.List;
import java.util.UUID;

/**
 * Pharmacy staff handed a ready order to a carrier instead of a pickup.
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the clinic
 * @param patientId the patient
 * @param shippedBy username of the staff member
 * @param carrier the carrier
 * @param trackingNumber the carrier's tracking number (an identifier, no patient data)
 * @param dispenseIds the dispense records shipped
 */
public record ShipmentRecorded(UUID orderId, long orderNumber, UUID organizationId, UUID clinicId, UUID patientId,
        String shippedBy, Carrier carrier, String trackingNumber, List<UUID> dispenseIds) {
}
