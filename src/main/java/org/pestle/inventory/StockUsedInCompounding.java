package org.pestle.inventory;

import java.util.List;

/**
 * Lots were debited for a compounding, what it did not use was returned, or the preparation it made was
 * destroyed (its debit stands).
 *
 * @param reference the compounding's identifier as its caller gave it
 * @param kind {@code USED_IN_COMPOUNDING}, {@code RETURNED} or {@code DESTROYED} (quantities: what the
 *        destroyed preparation had taken from each lot)
 * @param uses the lots and quantities
 * @param actor username
 */
public record StockUsedInCompounding(String reference, String kind, List<LotUse> uses, String actor) {

    public StockUsedInCompounding {
        uses = List.copyOf(uses);
    }
}
