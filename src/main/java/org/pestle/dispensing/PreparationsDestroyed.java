package org.pestle.dispensing;

import java.util.List;
import java.util.UUID;

/**
 * Compounded preparations of an order were destroyed without being handed over: unclaimed at the return-to-stock
 * day, or their order cancelled after compounding. The stock ledger has a DESTROYED movement for each of their
 * lots (the compounding debit stands: nothing goes back to stock).
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the clinic
 * @param patientId the patient
 * @param destroyedBy username of the pharmacist, or the system actor that settled a cancelled order
 * @param reason {@code UNCLAIMED}, {@code PATIENT_DECLINED} or {@code ORDER_CANCELLED}
 * @param compoundingRecordIds the preparations destroyed
 */
public record PreparationsDestroyed(UUID orderId, long orderNumber, UUID organizationId, UUID clinicId,
        UUID patientId, String destroyedBy, String reason, List<UUID> compoundingRecordIds) {
}
