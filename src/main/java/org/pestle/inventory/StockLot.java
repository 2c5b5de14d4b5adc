package org.pestle.inventory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A lot of an inventory item with its quantity on hand (the sum of its ledger movements).
 *
 * @param id lot id
 * @param itemId the item
 * @param lotNumber the manufacturer's or supplier's lot number
 * @param expiresOn the last day the lot may be used
 * @param supplier who supplied it
 * @param receivedOn when it was (first) received
 * @param status available or quarantined
 * @param onHand quantity on hand in the item's unit
 */
public record StockLot(UUID id, UUID itemId, String lotNumber, LocalDate expiresOn, String supplier,
        LocalDate receivedOn, LotStatus status, BigDecimal onHand) {

    /** Whether the lot has expired on the given day (it may be used through its expiry date). */
    public boolean expiredOn(LocalDate day) {
        return expiresOn.isBefore(day);
    }

    /** What a lot may be used for. */
    public enum LotStatus {
        /** In stock and usable until it expires. */
        AVAILABLE,
        /** Held back (a recall, a damaged container): never proposed, never debited. */
        QUARANTINED
    }
}
