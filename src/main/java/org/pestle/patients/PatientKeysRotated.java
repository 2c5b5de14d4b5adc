package org.pestle.patients;

import java.util.Set;
import java.util.UUID;

/**
 * A rotation of the patient keys finished: every row is encrypted and indexed with the new
 * primary keys, and the keys no row uses any more were retired. Identifiers and counts only.
 *
 * @param rotationId the rotation
 * @param startedBy username of the admin who started it
 * @param rowsRewritten rows re-encrypted by the rotation (rows written meanwhile moved by themselves)
 * @param retiredFieldKeyIds field keys retired (Tink key ids, unsigned)
 * @param retiredIndexKeyIds blind-index keys retired
 */
public record PatientKeysRotated(UUID rotationId, String startedBy, long rowsRewritten, Set<Long> retiredFieldKeyIds,
        Set<Long> retiredIndexKeyIds) {

    public PatientKeysRotated {
        retiredFieldKeyIds = Set.copyOf(retiredFieldKeyIds);
        retiredIndexKeyIds = Set.copyOf(retiredIndexKeyIds);
    }
}
