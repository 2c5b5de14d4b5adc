package org.pestle.catalog;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The master formulation records of the compounds, every version kept. */
public interface MasterFormulations {

    /** The version in force of the compound's formula (its highest), if it has one. */
    Optional<MasterFormulation> current(UUID compoundId);

    /** A given version of the compound's formula. */
    Optional<MasterFormulation> version(UUID compoundId, int version);

    /** Every version of the compound's formula, oldest first. */
    List<MasterFormulation> versions(UUID compoundId);

    /**
     * Writes a new version of the compound's formula (the next number), which is in force from now on;
     * earlier versions stay as they were, for the compounding records that name them.
     *
     * @param draft the new formula (its id, version and creation are ignored)
     * @param createdBy username
     * @return the version written
     * @throws IllegalArgumentException when the compound is unknown or the formula has no ingredient
     */
    MasterFormulation addVersion(UUID compoundId, MasterFormulation draft, String createdBy);
}
