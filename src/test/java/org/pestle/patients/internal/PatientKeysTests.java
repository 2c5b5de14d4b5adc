package org.pestle.patients.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pestle.patients.internal.PatientCodec.Sealed;
import org.pestle.patients.internal.PatientCodec.Stored;
import org.pestle.patients.internal.PatientKeys.FieldDecryptionException;
import org.pestle.patients.internal.PatientKeys.Snapshot;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Where the keys come from, with the application's own configuration files: the embedded default
 * makes keyset files, the postgres profile refuses to start without keys; and what rotation does to
 * a keyset.
 */
class PatientKeysTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PatientsProperties.class)
    @Import(PatientKeys.class)
    static class KeysOnly {
    }

    final ApplicationContextRunner app = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(KeysOnly.class);

    @Test
    void postgresProfileWithoutKeysRefusesToStartSayingWhatIsMissing() {
        app.withPropertyValues("spring.profiles.active=postgres").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("Patient field encryption keys are missing")
                    .hasMessageContaining("PESTLE_PATIENTS_AEAD_KEYSET")
                    .hasMessageContaining("PESTLE_PATIENTS_KEYS_DIR");
        });
    }

    @Test
    void postgresProfileWithAnEmptyKeysDirectoryDoesNotGenerateKeys(@TempDir Path dir) {
        app.withPropertyValues("spring.profiles.active=postgres", "PESTLE_PATIENTS_KEYS_DIR=" + dir).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("No patient-fields.aead.json");
            assertThat(dir).isEmptyDirectory();
        });
    }

    @Test
    void postgresProfileStartsWithBothKeysetsFromTheEnvironment() {
        KeysetStore.Keysets keysets = KeysetStore.generate();
        app.withPropertyValues("spring.profiles.active=postgres",
                        "PESTLE_PATIENTS_AEAD_KEYSET=" + KeysetStore.serialize(keysets.aead()),
                        "PESTLE_PATIENTS_INDEX_KEYSET=" + KeysetStore.serialize(keysets.index()))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PatientKeys keys = context.getBean(PatientKeys.class);
                    assertThat(keys.selfManaged()).isFalse();
                    assertThat(keys.current().aeadPrimary()).isEqualTo(keysets.aead().getPrimary().getId());
                });
    }

    @Test
    void oneKeysetWithoutTheOtherIsRefused() {
        KeysetStore.Keysets keysets = KeysetStore.generate();
        app.withPropertyValues("spring.profiles.active=postgres",
                "PESTLE_PATIENTS_AEAD_KEYSET=" + KeysetStore.serialize(keysets.aead())).run(context ->
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("both are needed"));
    }

    @Test
    void keysetsOfTheWrongKindAreRefused() {
        KeysetStore.Keysets keysets = KeysetStore.generate();
        app.withPropertyValues("spring.profiles.active=postgres",
                "PESTLE_PATIENTS_AEAD_KEYSET=" + KeysetStore.serialize(keysets.index()),
                "PESTLE_PATIENTS_INDEX_KEYSET=" + KeysetStore.serialize(keysets.aead())).run(context ->
                assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("must be an AEAD keyset (AES256_GCM) and a PRF keyset"));
    }

    @Test
    void embeddedDefaultCreatesKeysetFilesOnFirstStartReadableByTheOwnerOnlyAndKeepsThem(@TempDir Path dir) {
        app.withPropertyValues("PESTLE_PATIENTS_KEYS_DIR=" + dir).run(first -> {
            assertThat(first).hasNotFailed();
            Path aead = dir.resolve(KeysetStore.AEAD_FILE);
            assertThat(aead).exists();
            assertThat(dir.resolve(KeysetStore.INDEX_FILE)).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(aead))).isEqualTo("rw-------");
            int primary = first.getBean(PatientKeys.class).current().aeadPrimary();
            app.withPropertyValues("PESTLE_PATIENTS_KEYS_DIR=" + dir).run(second ->
                    assertThat(second.getBean(PatientKeys.class).current().aeadPrimary()).isEqualTo(primary));
        });
    }

    @Test
    void encryptedFieldsMustIncludeEveryDesignatedField(@TempDir Path dir) {
        app.withPropertyValues("PESTLE_PATIENTS_KEYS_DIR=" + dir,
                "pestle.patients.encrypted-fields=first-name,last-name,date-of-birth,phone,address,allergies")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("missing: clinical-notes"));
        app.withPropertyValues("PESTLE_PATIENTS_KEYS_DIR=" + dir,
                "pestle.patients.encrypted-fields=first-name,last-name,date-of-birth,phone,address,allergies,"
                        + "clinical-notes,shoe-size")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("unknown patient field 'shoe-size'"));
    }

    @Test
    void newPrimaryKeysEncryptFromNowOnWhileOldCiphertextsStillDecrypt(@TempDir Path dir) {
        PatientKeys keys = new PatientKeys(new KeysetStore.Directory(dir, true));
        PatientRecord p = PatientCodecTests.patient(UUID.randomUUID());
        Sealed old = PatientCodec.seal(keys.current(), p);

        Snapshot rotated = keys.addPrimaries();

        assertThat(rotated.aeadPrimary()).isNotEqualTo(old.aeadKeyId());
        assertThat(rotated.aeadKeyIds()).hasSize(2).contains(old.aeadKeyId());
        assertThat(PatientCodec.open(rotated, PatientCodecTests.stored(p, old), PatientField.DESIGNATED).lastName())
                .isEqualTo("Herrera");
        assertThat(PatientCodec.seal(rotated, p).aeadKeyId()).isEqualTo(rotated.aeadPrimary());
        assertThat(rotated.tokens(IndexTerm.phone(p.organizationId(), p.phone()))).hasSize(2)
                .anySatisfy(token -> assertThat(token).isEqualTo(old.phoneToken()));
        assertThat(new PatientKeys(new KeysetStore.Directory(dir, false)).current().aeadKeyIds())
                .as("saved to the files").isEqualTo(rotated.aeadKeyIds());
    }

    @Test
    void keyInUseIsKeptAndUnusedOldKeyIsRetired(@TempDir Path dir) {
        PatientKeys keys = new PatientKeys(new KeysetStore.Directory(dir, true));
        int first = keys.current().aeadPrimary();
        int firstIndex = keys.current().indexPrimary();
        PatientRecord p = PatientCodecTests.patient(UUID.randomUUID());
        Sealed old = PatientCodec.seal(keys.current(), p);
        Snapshot rotated = keys.addPrimaries();

        PatientKeys.Retired kept = keys.retireExcept(Set.of(first, rotated.aeadPrimary()), Set.of(firstIndex));
        assertThat(kept.aead()).isEmpty();
        assertThat(kept.index()).isEmpty();
        assertThat(keys.current().aeadKeyIds()).contains(first);

        PatientKeys.Retired retired = keys.retireExcept(Set.of(rotated.aeadPrimary()), Set.of());
        assertThat(retired.aead()).containsExactly(first);
        assertThat(retired.index()).containsExactly(firstIndex);
        assertThat(keys.current().aeadKeyIds()).containsExactly(rotated.aeadPrimary());
        Stored stillOld = PatientCodecTests.stored(p, old);
        assertThatThrownBy(() -> PatientCodec.open(keys.current(), stillOld, PatientField.DESIGNATED))
                .isInstanceOf(FieldDecryptionException.class);
    }

    @Test
    void ciphertextDecryptsWithTheKeyItNamesAfterTheKeysetIsReloaded(@TempDir Path dir) {
        PatientKeys keys = new PatientKeys(new KeysetStore.Directory(dir, true));
        PatientRecord p = PatientCodecTests.patient(UUID.randomUUID());
        Sealed sealed = PatientCodec.seal(keys.current(), p);
        PatientKeys reloaded = new PatientKeys(new KeysetStore.Directory(dir, false));

        assertThat(PatientCodec.open(reloaded.current(), PatientCodecTests.stored(p, sealed),
                PatientField.DESIGNATED).dateOfBirth()).isEqualTo(LocalDate.of(1992, 1, 5));
        assertThat(List.of(reloaded.current().aeadPrimary())).containsExactly(sealed.aeadKeyId());
    }
}
