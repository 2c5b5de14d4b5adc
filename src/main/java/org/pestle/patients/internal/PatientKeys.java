package org.pestle.patients.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.prf.PrfSet;
import org.pestle.patients.internal.KeysetStore.Keysets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The keys of patient records: an AES-256-GCM keyset (Tink AEAD) for the fields and an
 * HMAC-SHA256 keyset (Tink PRF) for the blind index. Each keyset has one primary key, used for
 * new ciphertexts and index tokens; the others still decrypt and still match until rotation has
 * moved every row off them and retires them.
 */
@Component
class PatientKeys {

    /** Length of a blind-index token: 128 bits of HMAC-SHA256. */
    static final int TOKEN_BYTES = 16;

    private final KeysetStore store;
    private volatile Snapshot current;

    @Autowired
    PatientKeys(PatientsProperties properties) {
        this(KeysetStore.of(properties.keys()));
        PatientField.encrypted(properties.encryptedFields());
    }

    /** With a store (whose class registers Tink's primitives). */
    PatientKeys(KeysetStore store) {
        this.store = store;
        this.current = Snapshot.of(store.load());
    }

    /** The keys now; a row is written entirely with one snapshot. */
    Snapshot current() {
        return current;
    }

    /** Whether rotation can add and retire keys itself (file keysets) or the operator deploys them (environment). */
    boolean selfManaged() {
        return store.writable();
    }

    /** Adds a new primary key to each keyset and saves them; the old keys keep decrypting and matching. */
    synchronized Snapshot addPrimaries() {
        Keysets keysets = current.keysets();
        try {
            KeysetHandle aead = KeysetHandle.newBuilder(keysets.aead())
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build();
            KeysetHandle index = KeysetHandle.newBuilder(keysets.index())
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedPrfParameters.HMAC_SHA256_PRF)
                            .withRandomId().makePrimary())
                    .build();
            return replace(new Keysets(aead, index));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not add new patient keys", e);
        }
    }

    /**
     * Removes every non-primary key not in use and saves the keysets. The caller has made sure no
     * row uses them (and none can start to).
     *
     * @return the removed key ids, field keys and index keys
     */
    synchronized Retired retireExcept(Set<Integer> aeadInUse, Set<Integer> indexInUse) {
        Keysets keysets = current.keysets();
        try {
            KeysetHandle.Builder aead = KeysetHandle.newBuilder(keysets.aead());
            KeysetHandle.Builder index = KeysetHandle.newBuilder(keysets.index());
            Set<Integer> aeadRetired = removeUnused(keysets.aead(), aead, aeadInUse);
            Set<Integer> indexRetired = removeUnused(keysets.index(), index, indexInUse);
            if (!aeadRetired.isEmpty() || !indexRetired.isEmpty()) {
                replace(new Keysets(aead.build(), index.build()));
            }
            return new Retired(aeadRetired, indexRetired);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not retire patient keys", e);
        }
    }

    /** The builder holds the handle's entries in the same order; deleting from the end keeps positions valid. */
    private static Set<Integer> removeUnused(KeysetHandle handle, KeysetHandle.Builder builder, Set<Integer> inUse) {
        Set<Integer> removed = new TreeSet<>();
        for (int i = handle.size() - 1; i >= 0; i--) {
            KeysetHandle.Entry entry = handle.getAt(i);
            if (!entry.isPrimary() && !inUse.contains(entry.getId())) {
                builder.deleteAt(i);
                removed.add(entry.getId());
            }
        }
        return removed;
    }

    private Snapshot replace(Keysets keysets) {
        Snapshot next = Snapshot.of(keysets);
        if (store.writable()) {
            store.save(keysets);
        }
        current = next;
        return next;
    }

    /**
     * Key ids retired by a rotation.
     *
     * @param aead field key ids
     * @param index blind-index key ids
     */
    record Retired(Set<Integer> aead, Set<Integer> index) {
    }

    /** One consistent set of keys and their primitives. */
    static final class Snapshot {

        private final Keysets keysets;
        private final Aead aead;
        private final int aeadPrimary;
        private final Map<Integer, Prf> prfs;
        private final int indexPrimary;

        private Snapshot(Keysets keysets, Aead aead, int aeadPrimary, Map<Integer, Prf> prfs, int indexPrimary) {
            this.keysets = keysets;
            this.aead = aead;
            this.aeadPrimary = aeadPrimary;
            this.prfs = prfs;
            this.indexPrimary = indexPrimary;
        }

        static Snapshot of(Keysets keysets) {
            try {
                Aead aead = keysets.aead().getPrimitive(RegistryConfiguration.get(), Aead.class);
                PrfSet prf = keysets.index().getPrimitive(RegistryConfiguration.get(), PrfSet.class);
                return new Snapshot(keysets, aead, keysets.aead().getPrimary().getId(), Map.copyOf(prf.getPrfs()),
                        prf.getPrimaryId());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The patient keysets must be an AEAD keyset (AES256_GCM) and a PRF "
                        + "keyset (HMAC_SHA256_PRF)", e);
            }
        }

        Keysets keysets() {
            return keysets;
        }

        /** The id of the field key new ciphertexts are made with. */
        int aeadPrimary() {
            return aeadPrimary;
        }

        /** The id of the index key new tokens are made with. */
        int indexPrimary() {
            return indexPrimary;
        }

        Set<Integer> aeadKeyIds() {
            return ids(keysets.aead());
        }

        Set<Integer> indexKeyIds() {
            return Collections.unmodifiableSet(new TreeSet<>(prfs.keySet()));
        }

        /** Encrypts with the primary key, bound to the row's table, column and id. */
        byte[] seal(PatientField field, UUID rowId, byte[] plaintext) {
            try {
                return aead.encrypt(plaintext, associatedData(field, rowId));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Could not encrypt patient field " + field.adName(), e);
            }
        }

        /**
         * Decrypts with whichever key made the ciphertext.
         *
         * @throws FieldDecryptionException when the ciphertext was not made for this row and column,
         *         was changed, or its key is gone
         */
        byte[] open(PatientField field, UUID rowId, byte[] ciphertext) {
            try {
                return aead.decrypt(ciphertext, associatedData(field, rowId));
            } catch (GeneralSecurityException e) {
                throw new FieldDecryptionException(field, rowId);
            }
        }

        /** The blind-index token under the primary index key. */
        byte[] token(IndexTerm term) {
            return compute(prfs.get(indexPrimary), term);
        }

        /** The tokens of a term under every index key (old keys match rows not yet rebuilt). */
        List<byte[]> tokens(IndexTerm term) {
            List<byte[]> tokens = new ArrayList<>(prfs.size());
            prfs.values().forEach(prf -> tokens.add(compute(prf, term)));
            return tokens;
        }

        private static byte[] compute(Prf prf, IndexTerm term) {
            try {
                return prf.compute(term.input(), TOKEN_BYTES);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Could not compute a blind-index token", e);
            }
        }

        private static byte[] associatedData(PatientField field, UUID rowId) {
            return ("patient|" + field.adName() + "|" + rowId).getBytes(StandardCharsets.UTF_8);
        }

        private static Set<Integer> ids(KeysetHandle handle) {
            Set<Integer> ids = new TreeSet<>();
            for (int i = 0; i < handle.size(); i++) {
                ids.add(handle.getAt(i).getId());
            }
            return Collections.unmodifiableSet(ids);
        }
    }

    /** A ciphertext that does not open for its row and column; names neither value nor key. */
    static final class FieldDecryptionException extends IllegalStateException {

        FieldDecryptionException(PatientField field, UUID rowId) {
            super("Patient field " + field.adName() + " of patient " + rowId
                    + " does not decrypt (moved, altered, or its key was removed)");
        }
    }
}
