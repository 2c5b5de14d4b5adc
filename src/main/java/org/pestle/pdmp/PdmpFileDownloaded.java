package org.pestle.pdmp;

import java.util.UUID;

/**
 * A pharmacy admin downloaded a PDMP file (it holds patient data).
 *
 * @param submissionId the submission
 * @param controlNumber its transaction control number
 * @param downloadedBy username
 * @param dispenses how many dispenses the file carries
 */
public record PdmpFileDownloaded(UUID submissionId, String controlNumber, String downloadedBy, int dispenses) {
}
