package org.pestle.inventory;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A lot's quantity was corrected (a count that differs from the ledger), or stock left it for
 * destruction.
 *
 * @param lotId the lot
 * @param itemId its item
 * @param kind {@code ADJUSTED} or {@code DESTROYED}
 * @param quantity the change, signed, in the item's unit
 * @param reason why, as the pharmacist gave it
 * @param adjustedBy username
 */
public record StockAdjusted(UUID lotId, UUID itemId, String kind, BigDecimal quantity, String reason,
        String adjustedBy) {
}
