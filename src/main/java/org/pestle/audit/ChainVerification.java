package org.pestle.audit;

/**
 * The result of walking the audit chain.
 *
 * @param intact whether every record is as written and none is missing or added
 * @param recordsChecked how many records were read
 * @param firstBrokenSeq the sequence number of the first record found edited, deleted (the gap's
 *        first missing number) or inserted; null when intact
 * @param problem {@code EDITED}, {@code DELETED}, {@code INSERTED} or {@code HEAD_MISMATCH}; null when intact
 */
public record ChainVerification(boolean intact, long recordsChecked, Long firstBrokenSeq, String problem) {
}
