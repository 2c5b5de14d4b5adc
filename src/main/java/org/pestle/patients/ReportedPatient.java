package org.pestle.patients;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The patient as a state PDMP report names them. Fields not on record are null. Never logged, never put
 * into process variables.
 *
 * @param id patient id
 * @param firstName given name
 * @param lastName family name
 * @param dateOfBirth date of birth
 * @param addressLine1 street and number
 * @param addressLine2 apartment, suite
 * @param city city
 * @param region state (USPS code for a U.S. address)
 * @param postalCode ZIP code
 * @param country ISO 3166-1 alpha-2 code
 * @param phone mobile number in E.164 form
 */
public record ReportedPatient(UUID id, String firstName, String lastName, LocalDate dateOfBirth, String addressLine1,
        String addressLine2, String city, String region, String postalCode, String country, String phone) {

    @Override
    public String toString() {
        return "ReportedPatient[" + id + "]";
    }
}
