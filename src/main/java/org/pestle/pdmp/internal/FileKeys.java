package org.pestle.pdmp.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.UUID;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.springframework.stereotype.Component;

/**
 * Encrypts the PDMP files (they hold PHI) as patient fields are encrypted: Google Tink AEAD, AES-256-GCM, with
 * the submission id as associated data, so a file cannot be moved to another submission's row. The keyset is
 * outside the database: a value from the environment ({@code PESTLE_PDMP_KEYSET}), or a file the embedded
 * default creates on first start beside the patient keys.
 */
@Component
class FileKeys {

    static final String FILE = "pdmp-files.aead.json";

    private final Aead aead;

    FileKeys(PdmpSettings settings) {
        try {
            AeadConfig.register();
            if (settings.keyset().isBlank() && settings.keysDir().isBlank()) {
                throw new IllegalStateException("The PDMP file keyset is missing: set PESTLE_PDMP_KEYSET or PESTLE_PDMP_KEYS_DIR");
            }
            KeysetHandle handle = settings.keyset().isBlank() ? fromDirectory(Path.of(settings.keysDir()))
                    : TinkJsonProtoKeysetFormat.parseKeyset(settings.keyset(), InsecureSecretKeyAccess.get());
            this.aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The PDMP file keyset is not a valid Tink AEAD keyset", e);
        }
    }

    byte[] encrypt(UUID submissionId, String file) {
        try {
            return aead.encrypt(file.getBytes(StandardCharsets.US_ASCII), associated(submissionId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt PDMP file " + submissionId, e);
        }
    }

    byte[] decrypt(UUID submissionId, byte[] ciphertext) {
        try {
            return aead.decrypt(ciphertext, associated(submissionId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not decrypt PDMP file " + submissionId + " (wrong key or changed row)", e);
        }
    }

    private static byte[] associated(UUID submissionId) {
        return ("pdmp_submission:" + submissionId).getBytes(StandardCharsets.US_ASCII);
    }

    private static KeysetHandle fromDirectory(Path dir) throws GeneralSecurityException {
        Path file = dir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
            }
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, FILE, ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the folder's permissions apply
                }
                Files.writeString(temp, TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()));
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.FileAlreadyExistsException another) {
                    // another instance created it first: use that one
                    return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            return handle;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the PDMP file keyset in " + dir, e);
        }
    }
}
