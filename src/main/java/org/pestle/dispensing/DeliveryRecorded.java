package org.pestle.dispensing;

import java.util.List;
import java.util.UUID;

/**
 * A shipped order was delivered: its dispense records count as dispensed from now on, exactly as at a pickup
 * ({@link PickupRecorded}); refills and PDMP reports treat both alike.
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the clinic
 * @param patientId the patient
 * @param recordedBy username of the staff member who recorded the delivery
 * @param dispenseIds the dispense records delivered
 */
public record DeliveryRecorded(UUID orderId, long orderNumber, UUID organizationId, UUID clinicId, UUID patientId,
        String recordedBy, List<UUID> dispenseIds) {
}
