package org.pestle.patients.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.pestle.patients.internal.PatientRecord.Address;

/** The bodies the patient API takes. Their {@code toString} names no value. */
final class PatientRequests {

    /** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
    static final String E164 = "\\+[1-9][0-9]{6,14}";
    static final String E164_MESSAGE = "must be a phone number in E.164 form, e.g. +15555550123";

    private PatientRequests() {
    }

    /**
     * A new patient.
     *
     * @param clinicId the patient's clinic (one the user may add patients to)
     * @param firstName given name
     * @param lastName family name
     * @param dateOfBirth ISO date, not in the future
     * @param phone mobile number, E.164
     * @param address postal address
     * @param allergies known allergies
     * @param clinicalNotes free-text clinical notes
     */
    record NewPatient(@NotNull UUID clinicId,
            @NotBlank @Size(max = 100) String firstName,
            @NotBlank @Size(max = 100) String lastName,
            @NotNull @PastIsoDate String dateOfBirth,
            @Pattern(regexp = E164, message = E164_MESSAGE) String phone,
            @Valid AddressInput address,
            @Size(max = 50) List<@NotBlank @Size(max = 200) String> allergies,
            @Size(max = 20000) String clinicalNotes) {

        @Override
        public String toString() {
            return "NewPatient[clinic " + clinicId + "]";
        }
    }

    /**
     * Changes to a patient (JSON merge patch): a field left out stays as it is, a field set to null
     * is cleared (optional fields only), a field with a value gets that value.
     */
    record PatientChanges(
            Optional<@NotBlank @Size(max = 100) String> firstName,
            Optional<@NotBlank @Size(max = 100) String> lastName,
            Optional<@PastIsoDate String> dateOfBirth,
            Optional<@Pattern(regexp = E164, message = E164_MESSAGE) String> phone,
            Optional<@Valid AddressInput> address,
            Optional<@Size(max = 50) List<@NotBlank @Size(max = 200) String>> allergies,
            Optional<@Size(max = 20000) String> clinicalNotes) {

        @Override
        public String toString() {
            return "PatientChanges[withheld]";
        }
    }

    /**
     * A postal address as sent.
     */
    record AddressInput(@NotBlank @Size(max = 200) String line1,
            @Size(max = 200) String line2,
            @NotBlank @Size(max = 100) String city,
            @Size(max = 100) String region,
            @Size(max = 20) String postalCode,
            @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 country code") String country) {

        Address toAddress() {
            return new Address(line1.strip(), strip(line2), city.strip(), strip(region), strip(postalCode), country);
        }

        @Override
        public String toString() {
            return "AddressInput[withheld]";
        }
    }

    /**
     * What to look for: every criterion given must match. The name is the full name (first and
     * last), matched after normalization (case, accents, punctuation and spacing do not matter).
     *
     * @param clinicId only this clinic (else every clinic the user may see)
     * @param phone E.164 phone number
     * @param dateOfBirth ISO date
     * @param firstName given name, with lastName
     * @param lastName family name, with firstName
     */
    record PatientSearch(UUID clinicId,
            @Pattern(regexp = E164, message = E164_MESSAGE) String phone,
            @PastIsoDate String dateOfBirth,
            @Size(max = 100) String firstName,
            @Size(max = 100) String lastName) {

        @Override
        public String toString() {
            return "PatientSearch[withheld]";
        }
    }

    static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
