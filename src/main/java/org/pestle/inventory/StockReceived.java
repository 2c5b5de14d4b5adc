package org.pestle.inventory;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Stock was received into a lot (a new lot, or another delivery of a known one).
 *
 * @param lotId the lot
 * @param itemId its item
 * @param ndc the item's 11-digit NDC
 * @param lotNumber the lot number
 * @param quantity how much came in, in the item's unit
 * @param deaSchedule the item's DEA schedule (0: not controlled)
 * @param deaOrderNumber the DEA 222 or CSOS order number of a Schedule II receipt, or null
 * @param supplierDeaNumber the supplier's DEA registration number for a controlled substance, or null
 * @param receivedBy username
 */
public record StockReceived(UUID lotId, UUID itemId, String ndc, String lotNumber, BigDecimal quantity,
        int deaSchedule, String deaOrderNumber, String supplierDeaNumber, String receivedBy) {
}
