package org.pestle.refills;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A patient's refills, for the patient's page: what is coming up, and asking for or pausing one. Call it inside a
 * transaction in that patient's data scope: row-level security shows a patient only their own refills.
 */
public interface Refills {

    /** The patient's refills that are still open (reminder not yet answered), soonest first. */
    List<UpcomingRefill> upcoming(UUID patientId);

    /** The patient asks for the refill now (as a YES by text). False when it is not open or not theirs. */
    boolean request(UUID patientId, UUID refillId);

    /** The patient pauses the refill: no reminders for it, no refill order. False when it is not open or not theirs. */
    boolean pause(UUID patientId, UUID refillId);

    /**
     * @param refillId the refill
     * @param orderNumber the order whose fill runs out
     * @param compoundId the compound
     * @param runsOutOn when the supply runs out
     * @param refillNumber the number the refill would have
     * @param refillsLeft refills left before it
     * @param state SCHEDULED, REMINDED or REMINDED_AGAIN
     */
    record UpcomingRefill(UUID refillId, long orderNumber, UUID compoundId, LocalDate runsOutOn, int refillNumber,
            int refillsLeft, String state) {
    }
}
