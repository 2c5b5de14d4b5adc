package org.pestle.inventory;

import java.util.List;

/**
 * Lots were debited for a compounding, or what it did not use was returned.
 *
 * @param reference the compounding's identifier as its caller gave it
 * @param kind {@code USED_IN_COMPOUNDING} or {@code RETURNED}
 * @param uses the lots and quantities
 * @param actor username
 */
public record StockUsedInCompounding(String reference, String kind, List<LotUse> uses, String actor) {

    public StockUsedInCompounding {
        uses = List.copyOf(uses);
    }
}
