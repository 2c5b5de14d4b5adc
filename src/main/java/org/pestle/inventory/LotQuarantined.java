package org.pestle.inventory;

import java.util.UUID;

/**
 * A lot was put in quarantine: it is no longer proposed or debited.
 *
 * @param lotId the lot
 * @param itemId its item
 * @param reason why, as the pharmacist gave it
 * @param quarantinedBy username
 */
public record LotQuarantined(UUID lotId, UUID itemId, String reason, String quarantinedBy) {
}
