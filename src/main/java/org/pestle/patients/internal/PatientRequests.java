package org.pestle.patients.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.pestle.patients.internal.PatientRecord.Address;
import org.pestle.platform.ApiProblem;
import org.pestle.platform.ApiProblem.FieldError;
import org.springframework.http.HttpStatus;

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
     * Changes to a patient (JSON merge patch, RFC 7396): a field left out stays as it is (its
     * component is null), a field set to null is cleared (an empty Optional; optional fields only),
     * a field with a value gets that value. Read with {@link #from}, since JSON binding cannot tell a
     * missing field from a null one.
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

        /**
         * Reads a merge patch; fields of the wrong JSON type are reported together.
         *
         * @throws ApiProblem 400 naming every field that is not of its type, or not a patient field
         */
        static PatientChanges from(JsonNode body, ObjectMapper json) {
            if (body == null || !body.isObject()) {
                throw ApiProblem400.of(List.of(new FieldError("", "must be a JSON object")));
            }
            List<FieldError> errors = new ArrayList<>();
            // an unknown key is not repeated back: a client that put a patient's name where a key goes
            // would otherwise get it in the error (and in any log of it)
            boolean unknown = false;
            for (var names = body.fieldNames(); names.hasNext();) {
                unknown |= !FIELDS.contains(names.next());
            }
            if (unknown) {
                errors.add(new FieldError("", "has a key that is not a patient field that can be changed; those are "
                        + String.join(", ", FIELDS)));
            }
            PatientChanges changes = new PatientChanges(text(body, "firstName", errors), text(body, "lastName", errors),
                    text(body, "dateOfBirth", errors), text(body, "phone", errors),
                    value(body, "address", json, AddressInput.class, errors),
                    value(body, "allergies", json, STRINGS, errors), text(body, "clinicalNotes", errors));
            for (String required : List.of("firstName", "lastName", "dateOfBirth")) {
                if (body.has(required) && body.get(required).isNull()) {
                    errors.add(new FieldError(required, "cannot be removed"));
                }
            }
            if (!errors.isEmpty()) {
                throw ApiProblem400.of(errors);
            }
            return changes;
        }

        private static final List<String> FIELDS = List.of("firstName", "lastName", "dateOfBirth", "phone", "address",
                "allergies", "clinicalNotes");
        private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
        };

        private static Optional<String> text(JsonNode body, String name, List<FieldError> errors) {
            if (!body.has(name)) {
                return null;
            }
            JsonNode node = body.get(name);
            if (node.isNull()) {
                return Optional.empty();
            }
            if (!node.isTextual()) {
                errors.add(new FieldError(name, "must be a string"));
                return null;
            }
            return Optional.of(node.asText());
        }

        private static <T> Optional<T> value(JsonNode body, String name, ObjectMapper json, Object type,
                List<FieldError> errors) {
            if (!body.has(name)) {
                return null;
            }
            JsonNode node = body.get(name);
            if (node.isNull()) {
                return Optional.empty();
            }
            try {
                @SuppressWarnings("unchecked")
                T value = type instanceof Class<?> c ? (T) json.treeToValue(node, c)
                        : json.treeToValue(node, json.getTypeFactory().constructType((TypeReference<?>) type));
                return Optional.of(value);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                // The parser's message could quote the value: not passed on.
                errors.add(new FieldError(name, "is not of the expected form"));
                return null;
            }
        }
    }

    /** 400 problems of the patient API with field errors, sorted by field. */
    static final class ApiProblem400 {

        private ApiProblem400() {
        }

        static ApiProblem of(List<FieldError> errors) {
            List<FieldError> sorted = errors.stream().sorted(java.util.Comparator.comparing(FieldError::field)).toList();
            return new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "The request is not valid", "Invalid fields: "
                    + String.join(", ", sorted.stream().map(FieldError::field).distinct().toList()), sorted);
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
