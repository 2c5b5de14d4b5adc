package org.pestle.catalog;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/** Beyond-use dates of preparations, from decisions/beyond-use-date.dmn (the version in force) and the ingredient lots. */
public interface BeyondUseDates {

    /**
     * The beyond-use date of a preparation made by a formula version from these lots: the table's days
     * (or hours) counted from the day it was made, in the pharmacy's zone, capped by the earliest lot
     * expiry.
     *
     * @param compoundId the compound
     * @param formulationVersion the master formulation version followed
     * @param madeAt when it was made
     * @param ingredientLotIds the inventory lots used (at least one)
     * @throws NoDefaultBeyondUseDate when the table has no default for the formula (a pharmacist sets it
     *         from stability data)
     * @throws IllegalArgumentException when the formula version or a lot is unknown
     */
    BeyondUseDate forPreparation(UUID compoundId, int formulationVersion, Instant madeAt,
            Collection<UUID> ingredientLotIds);

    /** The table gives no default for this formula; the message is the table's reason. */
    class NoDefaultBeyondUseDate extends RuntimeException {

        public NoDefaultBeyondUseDate(String message) {
            super(message);
        }
    }
}
