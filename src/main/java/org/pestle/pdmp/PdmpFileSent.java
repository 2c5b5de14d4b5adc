package org.pestle.pdmp;

import java.util.List;
import java.util.UUID;

/**
 * A PDMP file was put in the state's SFTP folder: each dispense it carried is a disclosure of its patient
 * to the state (the patient's disclosure report lists it).
 *
 * @param submissionId the submission
 * @param state the state (USPS code)
 * @param controlNumber the file's transaction control number (TH02)
 * @param zeroReport whether it is a zero report
 * @param carried the dispenses it carried
 */
public record PdmpFileSent(UUID submissionId, String state, String controlNumber, boolean zeroReport,
        List<Carried> carried) {

    public PdmpFileSent {
        carried = List.copyOf(carried);
    }

    /**
     * One dispense in the file.
     *
     * @param dispenseId the dispense
     * @param kind NEW, REVISE or VOID (DSP01 00, 01, 02)
     * @param organizationId the clinic's organization
     * @param clinicId the clinic
     * @param patientId the patient disclosed
     */
    public record Carried(UUID dispenseId, String kind, UUID organizationId, UUID clinicId, UUID patientId) {
    }
}
