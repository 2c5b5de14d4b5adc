package org.pestle.patients;

import java.util.Set;
import java.util.UUID;

import org.pestle.identity.DataElement;

/**
 * A patient record was changed. Identifiers only: which data elements changed, never their values.
 *
 * @param actor username of the editor
 * @param patientId the patient
 * @param clinicId the patient's clinic
 * @param elements the data elements whose values changed
 */
public record PatientChanged(String actor, UUID patientId, UUID clinicId, Set<DataElement> elements) {

    public PatientChanged {
        elements = Set.copyOf(elements);
    }
}
