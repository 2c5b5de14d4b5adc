package org.pestle.patients.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the patients module.
 *
 * @param encryptedFields the patient fields encrypted in the application (names of {@link PatientField});
 *        must contain at least the fields the design brief designates
 * @param keys where the encryption and blind-index keysets come from
 * @param rotation how key rotation re-encrypts rows
 */
@ConfigurationProperties("pestle.patients")
record PatientsProperties(
        @DefaultValue({"first-name", "last-name", "date-of-birth", "phone", "address", "allergies", "clinical-notes"})
        List<String> encryptedFields,
        @DefaultValue Keys keys,
        @DefaultValue Rotation rotation) {

    /**
     * Keysets (Google Tink JSON). Either both keysets are given as values (from the environment:
     * {@code PESTLE_PATIENTS_AEAD_KEYSET}, {@code PESTLE_PATIENTS_INDEX_KEYSET}), read-only, or a
     * directory holds them as files, which key rotation updates.
     *
     * @param aeadKeyset AES-256-GCM keyset for the fields, as Tink JSON
     * @param indexKeyset HMAC-SHA256 PRF keyset for the blind index, as Tink JSON
     * @param dir directory of {@code patient-fields.aead.json} and {@code patient-index.prf.json}
     * @param generateIfMissing create new keysets in {@code dir} when there are none (the embedded default only)
     */
    record Keys(String aeadKeyset, String indexKeyset, Path dir, @DefaultValue("false") boolean generateIfMissing) {
    }

    /**
     * @param batchSize rows re-encrypted per transaction
     * @param pollInterval how often the worker looks for a rotation to carry on
     * @param lease how long a worker's claim on a rotation lasts without progress (another worker
     *        takes over after it, e.g. after a crash)
     * @param workerEnabled whether this instance runs the rotation worker
     */
    record Rotation(@DefaultValue("500") int batchSize, @DefaultValue("2s") Duration pollInterval,
            @DefaultValue("60s") Duration lease, @DefaultValue("true") boolean workerEnabled) {
    }
}
