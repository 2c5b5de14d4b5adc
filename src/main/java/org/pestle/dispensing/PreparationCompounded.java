package org.pestle.dispensing;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A preparation of an order line was compounded and its lots debited from stock.
 *
 * @param compoundingRecordId the compounding record
 * @param orderId the order
 * @param orderNumber its number
 * @param lineNumber the line
 * @param organizationId the clinic's organization
 * @param clinicId the clinic
 * @param patientId the patient
 * @param compoundedBy username of who compounded it
 * @param formulationVersion the master formulation version followed
 * @param controlNumber its control number
 * @param budDate its beyond-use date
 * @param lots the lots taken
 */
public record PreparationCompounded(UUID compoundingRecordId, UUID orderId, long orderNumber, int lineNumber,
        UUID organizationId, UUID clinicId, UUID patientId, String compoundedBy, int formulationVersion,
        String controlNumber, LocalDate budDate, List<Dispense.LotTaken> lots) {
}
