package org.pestle.inventory;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/**
 * A quantity of one lot of an item, proposed or taken.
 *
 * @param itemId the inventory item the lot must belong to
 * @param lotId the lot
 * @param quantity in the item's unit, positive
 */
public record LotUse(UUID itemId, UUID lotId, BigDecimal quantity) {

    public LotUse {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(lotId, "lotId");
        if (quantity == null || quantity.signum() <= 0) {
            throw new IllegalArgumentException("A lot use has a positive quantity");
        }
    }
}
