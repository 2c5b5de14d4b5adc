package org.pestle.patients;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Questions other modules may ask about patients. */
public interface Patients {

    /** Whether the patient exists and is a patient of the given clinic. */
    boolean isPatientOfClinic(UUID patientId, UUID clinicId);

    /** The patient's identifying summary, for a page that shows it to an authorized user. */
    Optional<PatientSummary> summary(UUID patientId);

    /**
     * The short names ("M. Wilson") of those of these patients the current scope may see, for a page
     * that names them to a user allowed to read patient names. Each name given is a disclosure, recorded
     * like any other read ({@link PatientViewed}).
     */
    Map<UUID, String> shortNames(Collection<UUID> patientIds);

    /**
     * The patient's mobile number in E.164 form, for text messages the patient consented to; empty
     * when there is none. Never logged, never put into a process variable.
     */
    Optional<String> smsNumber(UUID patientId);

    /**
     * What a state prescription drug monitoring program (PDMP) report names of the patient: name, date of
     * birth, postal address and phone. For the PDMP module's file writer only, in the system scope; the read
     * is recorded as a disclosure ({@link PatientViewed}). Never logged, never put into a process variable.
     */
    Optional<ReportedPatient> forStateReport(UUID patientId);
}
