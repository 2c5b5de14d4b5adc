package org.pestle.patients.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import org.springframework.util.StringUtils;

/**
 * Where the two keysets live, outside the database: as values from the environment (read-only;
 * production with a secret store or KMS) or as files in a directory (the embedded default, which
 * generates them on first start; key rotation writes them back).
 */
abstract sealed class KeysetStore {

    static {
        try {
            AeadConfig.register();
            PrfConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not register Tink's AEAD and PRF primitives", e);
        }
    }

    static final String AEAD_FILE = "patient-fields.aead.json";
    static final String INDEX_FILE = "patient-index.prf.json";

    static final String MISSING = "Patient field encryption keys are missing. Set PESTLE_PATIENTS_AEAD_KEYSET and "
            + "PESTLE_PATIENTS_INDEX_KEYSET (Google Tink JSON keysets: AES256_GCM and HMAC_SHA256_PRF), or "
            + "PESTLE_PATIENTS_KEYS_DIR to a directory holding " + AEAD_FILE + " and " + INDEX_FILE
            + " (see README, Patient records). Pestle does not start without them.";

    /** The field keyset (AEAD) and the blind-index keyset (PRF). */
    record Keysets(KeysetHandle aead, KeysetHandle index) {
    }

    abstract Keysets load();

    /** Whether rotation may add and retire keys itself (otherwise the operator deploys new keysets). */
    abstract boolean writable();

    abstract void save(Keysets keysets);

    /**
     * The store the settings name.
     *
     * @throws IllegalStateException when no keys are configured, or only one of the two keysets
     */
    static KeysetStore of(PatientsProperties.Keys keys) {
        boolean aead = StringUtils.hasText(keys.aeadKeyset());
        boolean index = StringUtils.hasText(keys.indexKeyset());
        if (aead || index) {
            if (!(aead && index)) {
                throw new IllegalStateException("Only one of PESTLE_PATIENTS_AEAD_KEYSET and PESTLE_PATIENTS_INDEX_KEYSET "
                        + "is set; both are needed. " + MISSING);
            }
            return new Values(keys.aeadKeyset(), keys.indexKeyset());
        }
        if (keys.dir() != null && StringUtils.hasText(keys.dir().toString())) {
            return new Directory(keys.dir(), keys.generateIfMissing());
        }
        throw new IllegalStateException(MISSING);
    }

    static Keysets generate() {
        try {
            return new Keysets(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
                    KeysetHandle.generateNew(PredefinedPrfParameters.HMAC_SHA256_PRF));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not generate patient keysets", e);
        }
    }

    static KeysetHandle parse(String json, String what) {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            // Tink's messages name no key material; still, say only what failed.
            throw new IllegalStateException("The " + what + " is not a valid Tink JSON keyset", e);
        }
    }

    static String serialize(KeysetHandle handle) {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not serialize a patient keyset", e);
        }
    }

    /** Keysets given as values (environment); cannot be changed by the application. */
    static final class Values extends KeysetStore {

        private final String aead;
        private final String index;

        Values(String aead, String index) {
            this.aead = aead;
            this.index = index;
        }

        @Override
        Keysets load() {
            return new Keysets(parse(aead, "patient field keyset (PESTLE_PATIENTS_AEAD_KEYSET)"),
                    parse(index, "patient index keyset (PESTLE_PATIENTS_INDEX_KEYSET)"));
        }

        @Override
        boolean writable() {
            return false;
        }

        @Override
        void save(Keysets keysets) {
            throw new IllegalStateException("Keysets from the environment are changed by deploying new ones");
        }
    }

    /** Keysets as files, readable by the owner only. */
    static final class Directory extends KeysetStore {

        private final Path dir;
        private final boolean generateIfMissing;

        Directory(Path dir, boolean generateIfMissing) {
            this.dir = dir.toAbsolutePath();
            this.generateIfMissing = generateIfMissing;
        }

        @Override
        Keysets load() {
            Path aead = dir.resolve(AEAD_FILE);
            Path index = dir.resolve(INDEX_FILE);
            boolean hasAead = Files.exists(aead);
            boolean hasIndex = Files.exists(index);
            if (!hasAead && !hasIndex && generateIfMissing) {
                Keysets generated = generate();
                save(generated);
                return generated;
            }
            if (!hasAead || !hasIndex) {
                throw new IllegalStateException("No " + (hasAead ? INDEX_FILE : AEAD_FILE) + " in " + dir + ". " + MISSING);
            }
            return new Keysets(parse(read(aead), "patient field keyset " + aead),
                    parse(read(index), "patient index keyset " + index));
        }

        @Override
        boolean writable() {
            return true;
        }

        @Override
        void save(Keysets keysets) {
            try {
                Files.createDirectories(dir);
                write(dir.resolve(AEAD_FILE), serialize(keysets.aead()));
                write(dir.resolve(INDEX_FILE), serialize(keysets.index()));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write the patient keysets to " + dir, e);
            }
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file, e);
            }
        }

        /** Written to a temporary file first and moved into place, so a crash never leaves half a keyset. */
        private static void write(Path file, String content) throws IOException {
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the folder's permissions apply
                }
                Files.writeString(temp, content);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
