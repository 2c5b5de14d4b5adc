package org.pestle.patients.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.pestle.patients.internal.PatientRecord.Address;

/**
 * A patient as the API shows it to one user: the data elements the user's roles may not read are
 * absent (null, left out of the JSON).
 */
record PatientView(UUID id, UUID clinicId, String firstName, String lastName, LocalDate dateOfBirth, String phone,
        Address address, List<String> allergies, String clinicalNotes, Instant createdAt, Instant updatedAt,
        long version) {

    /** The record's decrypted fields; it holds only those the reader may see. */
    static PatientView of(PatientRecord p) {
        return new PatientView(p.id(), p.clinicId(), p.firstName(), p.lastName(), p.dateOfBirth(), p.phone(),
                p.address(), p.allergies(), p.clinicalNotes(), p.createdAt(), p.updatedAt(), p.version());
    }

    @Override
    public String toString() {
        return "PatientView[" + id + "]";
    }
}
