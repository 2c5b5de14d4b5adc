package org.pestle.recall;

import java.util.UUID;

/**
 * Every patient of a recall is resolved and its stock settled: the recall is closed.
 *
 * @param recallId the recall
 * @param recallNumber FDA's recall number
 * @param patients patients concerned
 * @param reached patients reached
 * @param notReached patients not reached (each with a coded reason in the report)
 */
public record RecallClosed(UUID recallId, String recallNumber, int patients, int reached, int notReached) {
}
