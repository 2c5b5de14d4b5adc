package org.pestle.portal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The refills section of the patient's page, provided by the refills module (which depends on the portal for its
 * links, so the portal asks through this interface). Called inside a transaction in that patient's data scope:
 * row-level security shows a patient only their own refills.
 */
public interface PatientPageRefills {

    /** The patient's refills still open (reminder not yet answered), soonest first. */
    List<UpcomingRefill> upcoming(UUID patientId);

    /** The patient asks for the refill now (as a YES by text). False when it is not open or not theirs. */
    boolean request(UUID patientId, UUID refillId);

    /** The patient pauses the refill: no more reminders for it, no refill order. False when not open or not theirs. */
    boolean pause(UUID patientId, UUID refillId);

    /**
     * @param refillId the refill
     * @param orderNumber the order whose supply runs out
     * @param runsOutOn when it runs out
     * @param refillNumber the number the refill would have
     * @param refillsLeft refills left before it
     * @param state SCHEDULED, REMINDED or REMINDED_AGAIN
     */
    record UpcomingRefill(UUID refillId, long orderNumber, LocalDate runsOutOn, int refillNumber, int refillsLeft,
            String state) {
    }
}
