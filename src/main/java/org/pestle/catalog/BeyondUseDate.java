package org.pestle.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The beyond-use date of a preparation: the shipped default of decisions/beyond-use-date.dmn for its
 * formula, never later than the earliest expiry of an ingredient lot.
 *
 * @param date the date for the label: the preparation may be used through this day
 * @param until the instant it may no longer be used (the start of the day after {@code date} in the
 *        pharmacy's zone, or made-at plus hours for a short sterile BUD)
 * @param rule the decision row's explanation, e.g. "USP <795>: preserved aqueous, 35 days"
 * @param limitingLotId the ingredient lot whose expiry set the date, or null when the default did
 */
public record BeyondUseDate(LocalDate date, Instant until, String rule, UUID limitingLotId) {

    /** Whether an ingredient's expiry, not the default, set the date. */
    public boolean cappedByLot() {
        return limitingLotId != null;
    }
}
