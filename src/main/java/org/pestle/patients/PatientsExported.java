package org.pestle.patients;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.pestle.identity.DataElement;

/**
 * A user exported patient records as a file. Identifiers only; the audit trail records it.
 *
 * @param actor username of the exporter
 * @param clinicIds the clinics exported (empty: every clinic, for pharmacy-side users)
 * @param patientIds the patients in the file
 * @param elements the data elements in the file
 */
public record PatientsExported(String actor, Set<UUID> clinicIds, List<UUID> patientIds, Set<DataElement> elements) {

    public PatientsExported {
        clinicIds = Set.copyOf(clinicIds);
        patientIds = List.copyOf(patientIds);
        elements = Set.copyOf(elements);
    }
}
