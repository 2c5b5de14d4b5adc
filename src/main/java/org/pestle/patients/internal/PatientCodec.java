package org.pestle.patients.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.pestle.patients.internal.PatientKeys.Snapshot;
import org.pestle.patients.internal.PatientRecord.Address;

/**
 * Turns a patient record into the row PostgreSQL stores (ciphertext per field, blind-index tokens,
 * key ids) and back. Plaintexts are padded to a multiple of 16 bytes before encryption so that a
 * ciphertext's length tells little about the value's.
 */
final class PatientCodec {

    private static final int BLOCK = 16;
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private PatientCodec() {
    }

    /**
     * A patient row as stored: everything but ids and times is ciphertext or a token.
     *
     * @param ciphertexts per field; absent fields have none
     * @param nameToken blind-index token of the normalized full name
     * @param dateOfBirthToken token of the date of birth
     * @param phoneToken token of the phone number, or null
     * @param aeadKeyId the field key every ciphertext of the row was made with
     * @param indexKeyId the index key every token of the row was made with
     */
    record Sealed(Map<PatientField, byte[]> ciphertexts, byte[] nameToken, byte[] dateOfBirthToken, byte[] phoneToken,
            int aeadKeyId, int indexKeyId) {

        byte[] ciphertext(PatientField field) {
            return ciphertexts.get(field);
        }
    }

    /**
     * The stored row as read: ids, times and the ciphertexts.
     */
    record Stored(UUID id, UUID organizationId, UUID clinicId, Map<PatientField, byte[]> ciphertexts, int aeadKeyId,
            int indexKeyId, Instant createdAt, Instant updatedAt, long version) {

        @Override
        public String toString() {
            return "Stored[" + id + "]";
        }
    }

    /** Encrypts every field and computes every token with one snapshot's primary keys. */
    static Sealed seal(Snapshot keys, PatientRecord patient) {
        Map<PatientField, byte[]> ciphertexts = new EnumMap<>(PatientField.class);
        for (PatientField field : PatientField.values()) {
            byte[] plaintext = plaintext(field, patient);
            if (plaintext != null) {
                ciphertexts.put(field, keys.seal(field, patient.id(), pad(plaintext)));
            }
        }
        UUID org = patient.organizationId();
        return new Sealed(ciphertexts,
                keys.token(IndexTerm.name(org, patient.firstName(), patient.lastName())),
                keys.token(IndexTerm.dateOfBirth(org, patient.dateOfBirth())),
                patient.phone() == null ? null : keys.token(IndexTerm.phone(org, patient.phone())),
                keys.aeadPrimary(), keys.indexPrimary());
    }

    /** Decrypts the given fields of a stored row; the others stay null. */
    static PatientRecord open(Snapshot keys, Stored row, Set<PatientField> fields) {
        Map<PatientField, byte[]> plain = new EnumMap<>(PatientField.class);
        for (PatientField field : fields) {
            byte[] ciphertext = row.ciphertexts().get(field);
            if (ciphertext != null) {
                plain.put(field, unpad(keys.open(field, row.id(), ciphertext)));
            }
        }
        return new PatientRecord(row.id(), row.organizationId(), row.clinicId(),
                text(plain.get(PatientField.FIRST_NAME)), text(plain.get(PatientField.LAST_NAME)),
                plain.containsKey(PatientField.DATE_OF_BIRTH)
                        ? LocalDate.parse(text(plain.get(PatientField.DATE_OF_BIRTH))) : null,
                text(plain.get(PatientField.PHONE)),
                read(plain.get(PatientField.ADDRESS), Address.class),
                plain.containsKey(PatientField.ALLERGIES) ? readStrings(plain.get(PatientField.ALLERGIES)) : null,
                text(plain.get(PatientField.CLINICAL_NOTES)),
                row.createdAt(), row.updatedAt(), row.version());
    }

    private static byte[] plaintext(PatientField field, PatientRecord p) {
        return switch (field) {
            case FIRST_NAME -> utf8(p.firstName());
            case LAST_NAME -> utf8(p.lastName());
            case DATE_OF_BIRTH -> p.dateOfBirth() == null ? null : utf8(p.dateOfBirth().toString());
            case PHONE -> utf8(p.phone());
            case ADDRESS -> p.address() == null ? null : json(p.address());
            case ALLERGIES -> p.allergies() == null ? null : json(p.allergies());
            case CLINICAL_NOTES -> utf8(p.clinicalNotes());
        };
    }

    /** ISO/IEC 7816-4 padding: 0x80, then zeros up to the next multiple of 16 bytes. */
    static byte[] pad(byte[] value) {
        int length = (value.length / BLOCK + 1) * BLOCK;
        byte[] padded = Arrays.copyOf(value, length);
        padded[value.length] = (byte) 0x80;
        return padded;
    }

    static byte[] unpad(byte[] padded) {
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0 || padded[end] != (byte) 0x80) {
            throw new IllegalStateException("A decrypted patient field is not padded as written");
        }
        return Arrays.copyOf(padded, end);
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialize a patient field", e);
        }
    }

    private static <T> T read(byte[] value, Class<T> type) {
        try {
            return value == null ? null : JSON.readValue(value, type);
        } catch (java.io.IOException e) {
            // Not chained: the parser's message could quote the decrypted value.
            throw new IllegalStateException("A decrypted patient field is not in its stored form");
        }
    }

    private static List<String> readStrings(byte[] value) {
        try {
            return JSON.readValue(value, STRINGS);
        } catch (java.io.IOException e) {
            // Not chained: the parser's message could quote the decrypted value.
            throw new IllegalStateException("A decrypted patient field is not in its stored form");
        }
    }
}
