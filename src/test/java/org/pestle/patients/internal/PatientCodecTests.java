package org.pestle.patients.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pestle.patients.internal.PatientCodec.Sealed;
import org.pestle.patients.internal.PatientCodec.Stored;
import org.pestle.patients.internal.PatientKeys.FieldDecryptionException;
import org.pestle.patients.internal.PatientKeys.Snapshot;
import org.pestle.patients.internal.PatientRecord.Address;

class PatientCodecTests {

    static final UUID ORG = UUID.randomUUID();
    static final UUID OTHER_ORG = UUID.randomUUID();

    final Snapshot keys = Snapshot.of(KeysetStore.generate());

    static PatientRecord patient(UUID id) {
        return new PatientRecord(id, ORG, UUID.randomUUID(), "Tomás", "Herrera", LocalDate.of(1992, 1, 5),
                "+15555550103", new Address("7 Elm Street", null, "Springfield", "IL", "62701", "US"),
                List.of("latex"), "Mild reaction to sulfa drugs in 2019.", null, null, 0);
    }

    static Stored stored(PatientRecord p, Sealed sealed) {
        return new Stored(p.id(), p.organizationId(), p.clinicId(), sealed.ciphertexts(), sealed.aeadKeyId(),
                sealed.indexKeyId(), java.time.Instant.now(), java.time.Instant.now(), 0);
    }

    @Test
    void everyFieldIsSealedAndNoCiphertextContainsItsPlaintext() {
        PatientRecord p = patient(UUID.randomUUID());
        Sealed sealed = PatientCodec.seal(keys, p);

        assertThat(sealed.ciphertexts()).containsOnlyKeys(PatientField.values());
        for (byte[] ciphertext : sealed.ciphertexts().values()) {
            String hex = HexFormat.of().formatHex(ciphertext);
            for (String value : List.of("Herrera", "1992-01-05", "+15555550103", "Elm Street", "latex", "sulfa")) {
                assertThat(hex).doesNotContain(HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertThat(sealed.aeadKeyId()).isEqualTo(keys.aeadPrimary());
        assertThat(sealed.indexKeyId()).isEqualTo(keys.indexPrimary());
    }

    @Test
    void sealedRowOpensToTheSameRecord() {
        PatientRecord p = patient(UUID.randomUUID());

        PatientRecord opened = PatientCodec.open(keys, stored(p, PatientCodec.seal(keys, p)), PatientField.DESIGNATED);

        assertThat(opened).usingRecursiveComparison().ignoringFields("createdAt", "updatedAt").isEqualTo(p);
    }

    @Test
    void onlyTheFieldsAskedForAreDecrypted() {
        PatientRecord p = patient(UUID.randomUUID());

        PatientRecord opened = PatientCodec.open(keys, stored(p, PatientCodec.seal(keys, p)),
                EnumSet.of(PatientField.FIRST_NAME, PatientField.LAST_NAME));

        assertThat(opened.firstName()).isEqualTo("Tomás");
        assertThat(opened.dateOfBirth()).isNull();
        assertThat(opened.phone()).isNull();
        assertThat(opened.clinicalNotes()).isNull();
    }

    @Test
    void ciphertextMovedToAnotherRowDoesNotDecrypt() {
        PatientRecord a = patient(UUID.randomUUID());
        PatientRecord b = patient(UUID.randomUUID());
        Sealed sealedA = PatientCodec.seal(keys, a);
        Map<PatientField, byte[]> bWithAsName = new EnumMap<>(PatientCodec.seal(keys, b).ciphertexts());
        bWithAsName.put(PatientField.LAST_NAME, sealedA.ciphertext(PatientField.LAST_NAME));
        Stored tampered = new Stored(b.id(), ORG, b.clinicId(), bWithAsName, 0, 0, null, null, 0);

        assertThatThrownBy(() -> PatientCodec.open(keys, tampered, EnumSet.of(PatientField.LAST_NAME)))
                .isInstanceOf(FieldDecryptionException.class)
                .hasMessageContaining(b.id().toString()).hasMessageNotContaining("Herrera");
    }

    @Test
    void ciphertextMovedToAnotherColumnOfTheSameRowDoesNotDecrypt() {
        PatientRecord p = patient(UUID.randomUUID());
        Map<PatientField, byte[]> swapped = new EnumMap<>(PatientCodec.seal(keys, p).ciphertexts());
        swapped.put(PatientField.LAST_NAME, swapped.get(PatientField.FIRST_NAME));
        Stored tampered = new Stored(p.id(), ORG, p.clinicId(), swapped, 0, 0, null, null, 0);

        assertThatThrownBy(() -> PatientCodec.open(keys, tampered, EnumSet.of(PatientField.LAST_NAME)))
                .isInstanceOf(FieldDecryptionException.class);
    }

    @Test
    void ciphertextUnderAnotherKeysetDoesNotDecrypt() {
        PatientRecord p = patient(UUID.randomUUID());
        Snapshot otherKeys = Snapshot.of(KeysetStore.generate());

        assertThatThrownBy(() -> PatientCodec.open(keys, stored(p, PatientCodec.seal(otherKeys, p)),
                PatientField.DESIGNATED)).isInstanceOf(FieldDecryptionException.class);
    }

    @Test
    void paddingHidesTheExactLengthOfAName() {
        byte[] shortName = PatientCodec.pad("Li".getBytes(StandardCharsets.UTF_8));
        byte[] longerName = PatientCodec.pad("Herrera".getBytes(StandardCharsets.UTF_8));

        assertThat(shortName).hasSize(16);
        assertThat(longerName).hasSize(16);
        assertThat(PatientCodec.pad(new byte[16])).hasSize(32);
        assertThat(new String(PatientCodec.unpad(longerName), StandardCharsets.UTF_8)).isEqualTo("Herrera");
        assertThat(PatientCodec.unpad(PatientCodec.pad(new byte[] {0, 0}))).containsExactly(0, 0);
    }

    @Test
    void equalValuesInTwoOrganizationsGiveUnrelatedTokens() {
        assertThat(keys.token(IndexTerm.phone(ORG, "+15555550103")))
                .isNotEqualTo(keys.token(IndexTerm.phone(OTHER_ORG, "+15555550103")));
        assertThat(keys.token(IndexTerm.dateOfBirth(ORG, LocalDate.of(1992, 1, 5))))
                .isNotEqualTo(keys.token(IndexTerm.dateOfBirth(OTHER_ORG, LocalDate.of(1992, 1, 5))));
    }

    @Test
    void tokenDependsOnTheKindOfValue() {
        assertThat(keys.token(new IndexTerm(ORG, IndexTerm.Kind.PHONE, "x")))
                .isNotEqualTo(keys.token(new IndexTerm(ORG, IndexTerm.Kind.NAME, "x")));
    }

    @Test
    void namesMatchWhateverTheirCaseAccentsPunctuationAndSpacing() {
        assertThat(keys.token(IndexTerm.name(ORG, "  Tomás ", "Herrera-Solís")))
                .isEqualTo(keys.token(IndexTerm.name(ORG, "TOMAS", "herrera solis")))
                .hasSize(PatientKeys.TOKEN_BYTES);
        assertThat(keys.token(IndexTerm.name(ORG, "Tomás", "Herrera")))
                .isNotEqualTo(keys.token(IndexTerm.name(ORG, "Tomás", "Herrero")));
    }

    @Test
    void indexTermAndRecordsNameNoValueWhenPrinted() {
        assertThat(IndexTerm.phone(ORG, "+15555550103").toString()).doesNotContain("5555");
        assertThat(patient(UUID.randomUUID()).toString()).doesNotContain("Herrera", "1992");
        assertThat(patient(UUID.randomUUID()).address().toString()).doesNotContain("Elm");
    }
}
