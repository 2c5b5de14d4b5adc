package org.pestle.audit;

/**
 * The result of walking the sealed part of the audit chain.
 *
 * @param intact whether every sealed record is as written and none is missing or added
 * @param recordsChecked how many records were read
 * @param firstBrokenSeq the sequence number of the first record found edited, deleted (the number its
 *        successor names as predecessor) or inserted; null when intact
 * @param problem {@code EDITED}, {@code DELETED}, {@code INSERTED} or {@code HEAD_MISMATCH}; null when intact
 * @param sealedThroughSeq how far the chain reaches: the sequence number of the last sealed record
 *        (records are written unsealed and linked into the chain shortly after they commit)
 * @param awaitingSealing how many committed records were not yet linked into the chain (not covered)
 */
public record ChainVerification(boolean intact, long recordsChecked, Long firstBrokenSeq, String problem,
        long sealedThroughSeq, long awaitingSealing) {
}
