package org.pestle.patients.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A patient record in plaintext, in memory only. Fields that were not decrypted (the reader may not
 * see them) are null. Its {@code toString} names the id only, so it cannot leak into a log.
 *
 * @param id patient id
 * @param organizationId the clinic's organization (the blind index's salt)
 * @param clinicId the patient's clinic
 * @param firstName given name
 * @param lastName family name
 * @param dateOfBirth date of birth
 * @param phone mobile number in E.164 form, or null
 * @param address postal address, or null
 * @param allergies known allergies, or null
 * @param clinicalNotes free-text clinical notes, or null
 * @param createdAt when it was created
 * @param updatedAt when its content last changed
 * @param version counts content changes (rotation does not change it)
 */
record PatientRecord(UUID id, UUID organizationId, UUID clinicId, String firstName, String lastName,
        LocalDate dateOfBirth, String phone, Address address, List<String> allergies, String clinicalNotes,
        Instant createdAt, Instant updatedAt, long version) {

    @Override
    public String toString() {
        return "PatientRecord[" + id + "]";
    }

    /**
     * A postal address.
     *
     * @param line1 street and number
     * @param line2 apartment, suite
     * @param city city
     * @param region state or region
     * @param postalCode postal code
     * @param country ISO 3166-1 alpha-2 code
     */
    record Address(String line1, String line2, String city, String region, String postalCode, String country) {

        @Override
        public String toString() {
            return "Address[withheld]";
        }

        /** One line, for a CSV cell. */
        String oneLine() {
            return String.join(", ", java.util.stream.Stream.of(line1, line2, city, region, postalCode, country)
                    .filter(part -> part != null && !part.isBlank()).toList());
        }
    }
}
