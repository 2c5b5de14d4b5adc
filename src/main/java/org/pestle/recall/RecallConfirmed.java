package org.pestle.recall;

import java.util.UUID;

/**
 * A pharmacist confirmed a recall's lots: its process starts.
 *
 * @param recallId the recall
 * @param recallNumber FDA's recall number
 * @param classification {@code I}, {@code II}, {@code III} or null
 * @param lots how many lots it concerns
 * @param lotsByHand how many of them were added or removed by hand (each with its reason in the recall)
 * @param confirmedBy username
 */
public record RecallConfirmed(UUID recallId, String recallNumber, String classification, int lots, int lotsByHand,
        String confirmedBy) {
}
