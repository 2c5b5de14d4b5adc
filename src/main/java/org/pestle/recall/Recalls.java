package org.pestle.recall;

import java.util.List;
import java.util.UUID;

/**
 * The recalls that concern a patient, for the patient's record and the order page. Reads in the caller's
 * transaction and data scope (a clinic user sees only their clinics' patients).
 */
public interface Recalls {

    /** The recalls that reached this patient, newest first. */
    List<PatientRecall> ofPatient(UUID patientId);

    /**
     * A recall as it concerns one patient.
     *
     * @param recallId the recall
     * @param recallNumber FDA's recall number
     * @param classification {@code I}, {@code II}, {@code III} or null
     * @param status {@code OPEN} or {@code CLOSED}
     * @param orderIds the patient's orders whose preparations took a recalled lot
     * @param outcome the contact's outcome, or null while open
     */
    record PatientRecall(UUID recallId, String recallNumber, String classification, String status, List<UUID> orderIds,
            ContactOutcome outcome) {
    }
}
