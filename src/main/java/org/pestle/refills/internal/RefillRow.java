package org.pestle.refills.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One row of the refill table: a dispensed line and where its refill stands. */
record RefillRow(UUID id, UUID organizationId, UUID clinicId, UUID patientId, UUID prescriptionOrderId,
        int prescriptionLine, Instant prescribedAt, UUID dispensedOrderId, long dispensedOrderNumber, int dispensedLine,
        UUID compoundId, int controlledSchedule, boolean maintenance, int daysSupply, int refillNumber,
        int refillsLeft, Instant dispensedAt, LocalDate runsOutOn, String state, int remindersSent,
        UUID refillOrderId) {

    boolean open() {
        return switch (state) {
            case "SCHEDULED", "REMINDED", "REMINDED_AGAIN" -> true;
            default -> false;
        };
    }
}
