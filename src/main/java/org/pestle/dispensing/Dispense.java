package org.pestle.dispensing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The dispense record of one order line: what was released after the final check, from which lots, and
 * to whom it was handed.
 *
 * @param id dispense id
 * @param orderId the order
 * @param orderNumber its number
 * @param lineNumber 1-based line of the order
 * @param organizationId the clinic's organization
 * @param clinicId the ordering clinic
 * @param patientId the patient
 * @param compoundId the compound
 * @param compoundingRecordId the compounding record of the preparation
 * @param formulationVersion the master formulation version it followed
 * @param controlNumber the preparation's control number
 * @param quantity quantity dispensed, in the compound's unit
 * @param controlledSchedule DEA schedule 2 to 5, or 0
 * @param budDate beyond-use date: usable through this day
 * @param pharmacist username of the pharmacist who checked and released it
 * @param releasedAt when it passed the final check
 * @param pickedUpBy who took it ({@link PickedUpBy} code), or null while waiting
 * @param idDocument the identity document checked at pickup ({@link IdDocument} code), or null
 * @param pickupRecordedBy username of the staff member who handed it over, or null
 * @param pickedUpAt when, or null
 * @param pdmpReportedAt when it was reported to the state PDMP, or null
 * @param carrier the carrier it was shipped with ({@link Carrier} code), or null when not shipped
 * @param trackingNumber the carrier's tracking number, or null
 * @param shippedBy username of the staff member who handed it to the carrier, or null
 * @param shippedAt when, or null
 * @param deliveryRecordedBy username of the staff member who recorded the delivery, or null
 * @param deliveredAt when it was delivered (it counts as dispensed from then on), or null
 * @param destroyedBy username of the pharmacist who had it destroyed (never handed over), or null
 * @param destroyedAt when, or null
 * @param destructionReason why ({@code UNCLAIMED}, {@code ORDER_CANCELLED}), or null
 * @param lots the ingredient lots of the preparation
 */
public record Dispense(UUID id, UUID orderId, long orderNumber, int lineNumber, UUID organizationId, UUID clinicId,
        UUID patientId, UUID compoundId, UUID compoundingRecordId, int formulationVersion, String controlNumber, BigDecimal quantity,
        int controlledSchedule, LocalDate budDate, String pharmacist, Instant releasedAt, String pickedUpBy,
        String idDocument, String pickupRecordedBy, Instant pickedUpAt, Instant pdmpReportedAt, String carrier,
        String trackingNumber, String shippedBy, Instant shippedAt, String deliveryRecordedBy, Instant deliveredAt,
        String destroyedBy, Instant destroyedAt, String destructionReason, List<LotTaken> lots) {

    public Dispense {
        lots = List.copyOf(lots);
    }

    /** When it reached the patient: picked up, or delivered by the carrier; null while it has not. */
    public Instant dispensedAt() {
        return pickedUpAt != null ? pickedUpAt : deliveredAt;
    }

    /** The same dispense with these lots. */
    public Dispense withLots(List<LotTaken> taken) {
        return new Dispense(id, orderId, orderNumber, lineNumber, organizationId, clinicId, patientId, compoundId,
                compoundingRecordId, formulationVersion, controlNumber, quantity, controlledSchedule, budDate, pharmacist,
                releasedAt, pickedUpBy, idDocument, pickupRecordedBy, pickedUpAt, pdmpReportedAt, carrier, trackingNumber,
                shippedBy, shippedAt, deliveryRecordedBy, deliveredAt, destroyedBy, destroyedAt, destructionReason, taken);
    }

    /** Whether it is a controlled substance. */
    public boolean controlled() {
        return controlledSchedule != 0;
    }

    /**
     * An ingredient lot taken for a preparation.
     *
     * @param itemId inventory item
     * @param lotId inventory lot
     * @param lotNumber its lot number when it was taken
     * @param expiresOn its expiry when it was taken
     * @param quantity how much, in the item's unit
     */
    public record LotTaken(UUID itemId, UUID lotId, String lotNumber, LocalDate expiresOn, BigDecimal quantity) {
    }
}
