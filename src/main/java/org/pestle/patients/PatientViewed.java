package org.pestle.patients;

import java.util.Set;
import java.util.UUID;

import org.pestle.identity.DataElement;

/**
 * A user was shown a patient's data (read, search result, order page). Identifiers only; the audit
 * trail records it.
 *
 * @param actor username of the reader ({@code system:...} for background work)
 * @param patientId the patient
 * @param clinicId the patient's clinic
 * @param elements the data elements disclosed
 */
public record PatientViewed(String actor, UUID patientId, UUID clinicId, Set<DataElement> elements) {

    public PatientViewed {
        elements = Set.copyOf(elements);
    }
}
